#!/usr/bin/env bash
# xxgk set-up: installs the Debian packages the project needs (only those missing), builds, and
# then does one of:
#   ./setup.sh          build only (Release, into build/)
#   ./setup.sh run      ... and run the main job (xxgk audit) on the bundled corpus into out/
#   ./setup.sh test     ... and build and run every test, normally and under ASan + UBSan
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake g++ pkg-config make
  libpoppler-cpp-dev libpoppler-private-dev poppler-utils
  libxml2-dev libicu-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-script-hans
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  libzip-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev
  libcurl4-openssl-dev liburiparser-dev libssl-dev libjemalloc-dev fonts-noto-cjk
)
# Only the tests need a browser (the HTML audit report is checked in headless Chromium, ~480 MB).
if [ "${1:-build}" = test ]; then PACKAGES+=(chromium); fi

# Only `test` needs LibreOffice (DOC/WPS are converted by it; the golden DOC record and a real
# conversion test need it): about 80 MB to download and 250 MB installed, so `run` and `build`
# leave it out, and a DOC/WPS record then says to install it.
# The fetch tests serve fixture portals from a web server inside the test process (cpp-httplib),
# and read the WARC back with an independent reader (the npm package warcio, tests/js: Node.js).
# The scale-out tests start a single-node Slurm (slurm-wlm, munge), run the GNU parallel recipe and
# check the Kubernetes manifests (python3-yaml).
TEST_PACKAGES=(libreoffice-writer-nogui libcpp-httplib-dev slurm-wlm munge parallel python3-yaml)

mode="${1:-build}"
wanted=("${PACKAGES[@]}")
if [ "$mode" = test ]; then wanted+=("${TEST_PACKAGES[@]}"); fi
# The audit site's browser tests drive Chromium from Node (playwright-core in tests/js/). A machine
# that has a Node already (NodeSource's brings its own npm) keeps it; otherwise Debian's.
if [ "$mode" = test ] && ! command -v node >/dev/null; then wanted+=(nodejs npm); fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

JOBS=$(nproc 2>/dev/null || echo 2)

build() {  # build DIR CMAKE-ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

case "$mode" in
  build)
    build build -DCMAKE_BUILD_TYPE=Release
    ;;
  run)
    build build -DCMAKE_BUILD_TYPE=Release
    echo "setup: running the main job on corpus/: xxgk audit corpus --db out/xxgk.sqlite --html out/audit.html"
    mkdir -p out
    status=0
    ./build/xxgk audit corpus --db out/xxgk.sqlite --html out/audit.html --jobs "$JOBS" || status=$?
    # Exit status 1 means some document failed to read: the corpus holds such cases on purpose.
    [ "$status" -le 1 ] || exit "$status"
    ./build/xxgk export --db out/xxgk.sqlite --csv out/csv
    echo "setup: done. Results:"
    echo "  out/xxgk.sqlite   the dataset (SQLite; tables in docs/schema.md)"
    echo "  out/audit.html    the audit report (open it in a browser; flagged reports first)"
    echo "  out/csv/          reports.csv, figures.csv, findings.csv for spreadsheets and pandas"
    ;;
  test)
    (cd tests/js && npm ci --no-audit --no-fund)
    # Line tables only (-g1) in the test builds: full debug info was about a third of their compile time.
    build build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DXXGK_WERROR=ON
    (cd build-test && ctest --output-on-failure -j "$JOBS")
    # Without the bench programs (XXGK_BENCH=OFF): no test of this stage runs them.
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DXXGK_SANITIZE=ON -DXXGK_WERROR=ON -DXXGK_BENCH=OFF
    # The tests whose subject is an outside engine (Slurm, GNU parallel and the Kubernetes YAML, headless
    # Chromium: labels slurm, deploy, browser) run in the plain stage only; the code they drive is
    # run under the sanitizers by the audit, merge and site tests. At -O1 they were 171 s of the 768 s its tests took (summed).
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$JOBS" -LE '^(slurm|deploy|browser)$')
    echo "setup: all tests passed (plain and ASan+UBSan builds)"
    ;;
  *)
    echo "usage: $0 [build|run|test]" >&2
    exit 2
    ;;
esac
