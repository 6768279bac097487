#!/usr/bin/env bash
# PDF throughput: `xxgk extract` against `pdftotext -layout` on the same files, in one run.
#
#   bench/pdf/run.sh [COPIES]     (from anywhere; builds build-release/ with -DCMAKE_BUILD_TYPE=Release)
#
# The text PDFs of corpus/pdf/ are copied COPIES times (default: enough for at least 200
# documents) into a scratch folder; then, on one core each:
#   xxgk      ./build-release/xxgk extract DIR -o /dev/null --jobs 1 --no-ocr   (the whole pipeline:
#             extract, normalize, validate, write the record)
#   pdftotext pdftotext -layout FILE /dev/null, once per file (a process per file, as it is used)
# Each is timed twice, alternating, and the faster run counts. Prints documents/s and pages/s for
# both and the ratio of time per page (xxgk / pdftotext; the target is at most 1.0, issue 25; it was 2 before).
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j2 --target xxgk >/dev/null 2>&1

mapfile -t sources < <(ls corpus/pdf/*.pdf)
n=${#sources[@]}
copies=${1:-$(( (200 + n - 1) / n ))}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=0
for ((c = 0; c < copies; c++)); do
  for f in "${sources[@]}"; do
    cp "$f" "$work/$(printf '%03d' "$c")_$(basename "$f")"
  done
done
for f in "${sources[@]}"; do
  pages=$(( pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}') * copies ))
done
docs=$(( n * copies ))

now() { date +%s.%N; }
run_xxgk() { ./build-release/xxgk extract "$work" -o /dev/null --jobs 1 --no-ocr --log-level off || [ $? -eq 1 ]; }
run_pdftotext() { for f in "$work"/*.pdf; do pdftotext -layout "$f" /dev/null 2>/dev/null; done; }
best_xxgk=1e9
best_ptt=1e9
for round in 1 2; do
  t0=$(now); run_xxgk; t1=$(now)
  best_xxgk=$(awk -v a="$t0" -v z="$t1" -v b="$best_xxgk" 'BEGIN {d = z - a; print (d < b ? d : b)}')
  t0=$(now); run_pdftotext; t1=$(now)
  best_ptt=$(awk -v a="$t0" -v z="$t1" -v b="$best_ptt" 'BEGIN {d = z - a; print (d < b ? d : b)}')
done
awk -v d="$docs" -v p="$pages" -v x="$best_xxgk" -v t="$best_ptt" 'BEGIN {
  printf "PDF benchmark: %d documents, %d pages (corpus/pdf repeated), one core each\n", d, p
  printf "%-22s %8s %10s %10s %12s\n", "", "seconds", "docs/s", "pages/s", "ms/page"
  printf "%-22s %8.2f %10.1f %10.1f %12.2f\n", "xxgk extract", x, d / x, p / x, 1000 * x / p
  printf "%-22s %8.2f %10.1f %10.1f %12.2f\n", "pdftotext -layout", t, d / t, p / t, 1000 * t / p
  printf "time per page, xxgk / pdftotext -layout: %.2f (target: at most 1.0)\n", x / t
}'
