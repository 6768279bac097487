#!/usr/bin/env bash
# Storing must not halve the throughput (issue 21, item 1): `xxgk audit --jobs J` against
# `xxgk extract --jobs J` over the same documents, in one command, so the ratio is measured under
# the same load on a shared machine.
#
#   bench/store/run.sh [BUILD_DIR] [N] [JOBS] [REPEATS]     (default: build 490 2 3)
#
# The documents are the corpus's HTML and text reports, copied until there are N (each copy with a
# few bytes appended so its SHA-256 differs and the audit really reads and stores it). Each repeat
# runs extract, then audit into a fresh database, and prints wall, user and system seconds (GNU time)
# of both and their ratio; the last lines give the medians. Acceptance: audit/extract wall <= 1.15.
# Set STRACE=1 to also print `strace -c -f` of one audit run (where the kernel time goes).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${2:-490}
jobs=${3:-2}
repeats=${4:-3}
xxgk="$PWD/$build/xxgk"
[ -x "$xxgk" ] || { echo "no $xxgk: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t sources < <(find corpus/html corpus/txt -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | sort)
mkdir -p "$work/docs"
i=0
while [ "$i" -lt "$n" ]; do
  for src in "${sources[@]}"; do
    [ "$i" -lt "$n" ] || break
    ext=${src##*.}
    dst=$(printf '%s/docs/%05d.%s' "$work" "$i" "$ext")
    cp "$src" "$dst"
    case "$ext" in
      html | htm) printf '\n<!-- copy %d -->\n' "$i" >> "$dst" ;;
      *) printf '\n%*s' "$i" '' >> "$dst" ;;
    esac
    i=$((i + 1))
  done
done
echo "documents: $n ($(find "$work/docs" -name '*.html' | wc -l) html, $(find "$work/docs" -name '*.txt' | wc -l) txt); jobs $jobs; load $(cut -d' ' -f1-3 /proc/loadavg)"

timed() {  # timed OUT CMD...: "wall user sys" into OUT
  /usr/bin/time -f '%e %U %S' -o "$1" "${@:2}" > /dev/null 2>&1 || true
}
printf '%-3s %22s %22s %14s %14s\n' run "extract wall/user/sys" "audit wall/user/sys" "wall ratio" "cpu ratio"
: > "$work/ratios"
for r in $(seq 1 "$repeats"); do
  timed "$work/e" "$xxgk" --log-level off extract "$work/docs" --jobs "$jobs" -o "$work/out.jsonl"
  rm -f "$work/db.sqlite"*
  timed "$work/a" "$xxgk" --log-level off audit "$work/docs" --db "$work/db.sqlite" --jobs "$jobs" --progress none
  stored=$(sqlite3 "$work/db.sqlite" 'SELECT count(*) FROM documents')
  [ "$stored" = "$n" ] || { echo "audit stored $stored documents, not $n" >&2; exit 1; }
  read -r ew eu es < "$work/e"
  read -r aw au as < "$work/a"
  line=$(awk -v ew="$ew" -v eu="$eu" -v es="$es" -v aw="$aw" -v au="$au" -v as="$as" \
    'BEGIN { printf "%.2f %.2f", aw / ew, (au + as) / (eu + es) }')
  echo "$line" >> "$work/ratios"
  printf '%-3s %22s %22s %14s %14s\n' "$r" "$ew/$eu/$es" "$aw/$au/$as" $line
done
sort -n -k1 "$work/ratios" | awk '{ w[NR] = $1 } END { printf "median wall ratio audit/extract: %.2f (acceptance: <= 1.15)\n", w[int((NR + 1) / 2)] }'
sort -n -k2 "$work/ratios" | awk '{ c[NR] = $2 } END { printf "median CPU ratio audit/extract: %.2f\n", c[int((NR + 1) / 2)] }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${STRACE:-0}" = 1 ]; then
  rm -f "$work/db.sqlite"*
  strace -c -f -o "$work/strace" "$xxgk" --log-level off audit "$work/docs" --db "$work/db.sqlite" --jobs "$jobs" --progress none > /dev/null 2>&1 || true
  head -25 "$work/strace"
fi
