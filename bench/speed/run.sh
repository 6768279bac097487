#!/usr/bin/env bash
# Speed of each reading path against its library's own floor, as CPU-time ratios in one command
# (issue 25). CPU time (user + system, the process and its children), not wall time, so a loaded
# machine changes the ratios little; each side runs 3 times, alternating, and the median counts.
#
#   bench/speed/run.sh [BUILD_DIR] [FORMATS]     (default: build-release "pdf html text")
#
#   pdf   xxgk extract --jobs 1 --no-ocr over corpus/pdf's text PDFs (copied to >= 200 documents)
#         against `pdftotext -layout FILE /dev/null`, a process per file: CPU per page.  Target <= 1.0.
#   html  xxgk extract --jobs 1 over corpus/html (copied to >= 300 pages) against
#         `xmllint --html --noout` over the same files in one process.                  Target <= 3.
#   text  xxgk extract --jobs 1 over corpus/txt (copied to >= 300 files) against
#         `uconv -f UTF-8 -t UTF-16LE` over the same files in one process (ICU's UTF-8 to UTF-16
#         conversion, the floor every label path pays).                                 Target <= 3.
#
# xxgk runs the whole pipeline (read, normalize, validate, the record written to /dev/null); a fourth
# run with --stage-times splits its CPU time by stage (hash, read, normalize, validate, cross_year,
# write) for bench/results.md's per-stage table. Needs
# poppler-utils, libxml2-utils (xmllint), icu-devtools (uconv) and GNU time. Not in CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-release}
formats=${2:-pdf html text}
if [ "$build" = build-release ]; then
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build-release -j2 --target xxgk > /dev/null
fi
xxgk="$PWD/$build/xxgk"
for t in /usr/bin/time pdftotext pdfinfo xmllint uconv; do command -v "$t" > /dev/null || { echo "needs $t" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

copy() {  # copy DEST MIN FILES... : the files copied until there are at least MIN
  local dest=$1 min=$2 c=0; shift 2
  mkdir -p "$dest"
  while [ "$(find "$dest" -type f | wc -l)" -lt "$min" ]; do
    for f in "$@"; do cp "$f" "$dest/$(printf '%03d' "$c")_$(basename "$f")"; done
    c=$((c + 1))
  done
}
cpu() {  # cpu CMD... : user+system seconds of the command and its children
  /usr/bin/time -f '%U %S' -o "$work/t" "$@" > /dev/null 2>&1 || true
  awk '{printf "%.3f", $1 + $2}' "$work/t"
}
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD), $build"
for fmt in $formats; do
  d="$work/$fmt"
  reps=1  # how many times over the reference reads the files (its CPU time is divided by it)
  case $fmt in
    pdf)
      mapfile -t src < <(ls corpus/pdf/*.pdf)
      copy "$d" 200 "${src[@]}"
      ref() { for f in "$d"/*.pdf; do pdftotext -layout "$f" /dev/null 2> /dev/null; done; }
      refname="pdftotext -layout (a process per file)"; target=1.0
      ;;
    html)
      mapfile -t src < <(ls corpus/html/*.html)
      copy "$d" 300 "${src[@]}"
      ref() { xmllint --html --noout "$d"/*.html 2> /dev/null || true; }
      refname="xmllint --html --noout (one process)"; target=3
      ;;
    text)
      mapfile -t src < <(ls corpus/txt/*.txt)
      copy "$d" 300 "${src[@]}"
      # The conversion of 300 files takes a few milliseconds, below what GNU time resolves: uconv
      # reads the whole list 50 times over in its one process, and the time is divided by 50.
      ref() { local files=() k; for k in $(seq 50); do files+=("$d"/*.txt); done; uconv -f UTF-8 -t UTF-16LE "${files[@]}" > /dev/null || true; }
      refname="uconv -f UTF-8 -t UTF-16LE (one process, the files 50 times, /50)"; target=3; reps=50
      ;;
    *) echo "unknown format $fmt" >&2; exit 2 ;;
  esac
  export -f ref 2> /dev/null || true
  export d
  xs=(); rs=()
  for round in 1 2 3; do
    xs+=("$(cpu "$xxgk" extract "$d" -o /dev/null --jobs 1 --no-ocr --log-level off)")
    rs+=("$(cpu bash -c "$(declare -f ref); ref")")
  done
  x=$(median "${xs[@]}"); r=$(awk -v r="$(median "${rs[@]}")" -v k="$reps" 'BEGIN {printf "%.4f", r / k}')
  n=$(find "$d" -type f | wc -l); mb=$(du -sm "$d" | cut -f1)
  unit="document"
  if [ "$fmt" = pdf ]; then
    n=0; for f in "$d"/*.pdf; do n=$((n + $(pdfinfo "$f" 2> /dev/null | awk '/^Pages:/ {print $2}'))); done; unit="page"
  fi
  awk -v f="$fmt" -v n="$n" -v u="$unit" -v mb="$mb" -v x="$x" -v r="$r" -v rn="$refname" -v t="$target" \
    -v xs="${xs[*]}" -v rs="${rs[*]}" 'BEGIN {
    printf "%-5s %d %ss (%d MB): xxgk extract %.2f s CPU (%.2f ms/%s; runs %s), %s %.2f s (runs %s): ratio %.2f (target <= %s)\n",
      f, n, u, mb, x, 1000 * x / n, u, xs, rn, r, rs, x / r, t }'
  # Where xxgk's time went, stage by stage (a fourth run, --stage-times: thread CPU time per stage).
  "$xxgk" extract "$d" -o /dev/null --jobs 1 --no-ocr --log-level off --stage-times 2> "$work/stages" || true
  awk -v f="$fmt" '/^stage / && $2 != "stages" && $2 != "CPU" {
    printf "%-5s   %-10s %8.3f s %8.3f ms/document%s\n", f, $2, $3, $5, ($2 == "process" ? "  (the rest: start-up, walk)" : sprintf("  %5.1f %%", $7)) }' "$work/stages"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
