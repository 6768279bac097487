#!/usr/bin/env bash
# bench/site: the audit site at province scale (not a test). Generates a province of N reports into a
# real audit store (once; kept in WORK), builds the site from scratch, times the reports index in
# headless Chromium, plays a night of 10 revised reports and rebuilds incrementally. Prints every
# number with what it measured; bench/site/README.md holds the latest run.
#
#   bench/site/run.sh                 N=100000, Release build in build-release/, WORK=/tmp/xxgk-site-bench
#   N=5000 WORK=/tmp/s bench/site/run.sh
#   BUILD=build bench/site/run.sh     an existing build folder, used as it is (not reconfigured)
# Needs: what ./setup.sh test installs (cmake, the libraries, chromium, node + tests/js's npm ci).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000}
WORK=${WORK:-/tmp/xxgk-site-bench}
JOBS=$(nproc)
mkdir -p "$WORK"
if [ -z "${BUILD:-}" ]; then
  BUILD=build-release
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" -j "$JOBS" --target xxgk xxgk_province_gen >/dev/null
DB="$WORK/province-$N.sqlite"
if [ ! -f "$DB" ]; then
  echo "== generating $N reports into $DB"
  /usr/bin/time -f "generator: %e s wall, %M KB peak" "$BUILD/xxgk_province_gen" --db "$DB" --reports "$N" --regions
fi
echo "== store: $(du -h --apparent-size "$DB" | cut -f1), $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM figures') figures"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"

SITE="$WORK/site"
rm -rf "$SITE"
echo "== full build"
/usr/bin/time -f "site: %e s wall, %U s user, %S s sys, %M KB peak RSS" "$BUILD/xxgk" site --db "$DB" --out "$SITE" --jobs "$JOBS"
reports=$(sqlite3 "$DB" 'SELECT count(*) FROM current_reports')
bytes=$(du -sb --apparent-size "$SITE" | cut -f1)
disk=$(du -sb "$SITE" | cut -f1)
files=$(find "$SITE" -type f | wc -l)
echo "site: $files files, $bytes bytes ($((bytes / reports)) bytes per current report), $disk bytes on disk ($((disk / reports)) per report)"
for d in r a g data; do echo "  $d/: $(du -sb --apparent-size "$SITE/$d" | cut -f1) bytes, $(find "$SITE/$d" -type f | wc -l) files"; done
echo "  first view loads: $(du -cb --apparent-size "$SITE/reports.html" "$SITE/assets/reports.js" "$SITE/assets/site.css" "$SITE/data/summary.js" | tail -1 | cut -f1) bytes"

echo "== the reports index in headless Chromium (3 rounds, a fresh page each)"
region=""
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM pragma_table_info('reports') WHERE name = 'region_code'")" = 1 ]; then
  # A county (6 digits; the city is its first 4): the first report's code could be the province's own
  # government (2 digits), and a "county" filter of the whole province is not what is measured.
  region=$(sqlite3 "$DB" "SELECT substr(region_code, 1, 6) FROM reports WHERE length(region_code) >= 6 ORDER BY region_code LIMIT 1")
fi
node bench/site/measure.mjs "$SITE" "$region"

echo "== a night: 10 reports revised, then an incremental build"
"$BUILD/xxgk_province_gen" --db "$DB" --night 10 --at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --seed "$RANDOM"
/usr/bin/time -f "site: %e s wall, %M KB peak RSS" "$BUILD/xxgk" site --db "$DB" --out "$SITE" --jobs "$JOBS"
echo "== a build with nothing changed"
/usr/bin/time -f "site: %e s wall, %M KB peak RSS" "$BUILD/xxgk" site --db "$DB" --out "$SITE" --jobs "$JOBS"
