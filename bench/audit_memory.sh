#!/usr/bin/env bash
# Peak memory of `xxgk audit` on N documents, for N = 100 and 1,000 (issue 8: the peak on 1,000 must
# stay within 1.5x of the peak on 100). The documents are the corpus's, repeated until there are N;
# each copy gets a few bytes appended (a newline or a PDF comment after %%EOF) so its SHA-256 differs
# and the audit really reads it instead of skipping it as already stored.
#
#   bench/audit_memory.sh [BUILD_DIR] [JOBS]      (default: build, 2)
#
# Prints, per N: wall time, /usr/bin/time -v "Maximum resident set size" (the largest single process:
# the coordinator or one worker) and the peak of the whole process tree (coordinator + workers summed),
# sampled from /proc every 0.05 s (a short run gets few samples: the first number is the reliable one).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
jobs=${2:-2}
xxgk="$PWD/$build/xxgk"
[ -x "$xxgk" ] || { echo "no $xxgk: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t sources < <(find corpus -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' -o -name '*.pdf' \
  -o -name '*.docx' -o -name '*.doc' -o -name '*.wps' \) ! -path '*/tools/*' ! -path '*/truth/*' | sort)
echo "corpus: ${#sources[@]} documents; jobs $jobs"

make_copies() {  # make_copies DIR N
  local dir=$1 n=$2 i=0
  mkdir -p "$dir"
  while [ "$i" -lt "$n" ]; do
    for src in "${sources[@]}"; do
      [ "$i" -lt "$n" ] || break
      local ext=${src##*.} dst
      dst=$(printf '%s/%05d.%s' "$dir" "$i" "$ext")
      cp "$src" "$dst"
      case "$ext" in
        pdf) printf '\n%%copy %d\n' "$i" >> "$dst" ;;
        docx) printf '\n%d\n' "$i" >> "$dst" ;;  # bytes after a zip's end record: zip readers ignore them
        html | htm) printf '\n<!-- copy %d -->\n' "$i" >> "$dst" ;;
        *) printf '\n%*s' "$i" '' >> "$dst" ;;  # i spaces on a last line
      esac
      i=$((i + 1))
    done
  done
}

tree_rss_kb() {  # summed RSS of a process and its descendants
  local pid=$1 total=0 p
  for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

for n in 100 1000; do
  make_copies "$work/docs$n" "$n"
  rm -f "$work/db$n.sqlite"*
  /usr/bin/time -v -o "$work/time$n.txt" "$xxgk" audit "$work/docs$n" --db "$work/db$n.sqlite" --progress none \
    --log-level off --jobs "$jobs" > "$work/summary$n.txt" &
  timepid=$!
  peak=0
  while kill -0 "$timepid" 2>/dev/null; do
    coord=$(pgrep -P "$timepid" -x xxgk | head -1 || true)
    if [ -n "$coord" ]; then r=$(tree_rss_kb "$coord"); [ "$r" -gt "$peak" ] && peak=$r; fi
    sleep 0.05
  done
  wait "$timepid" || true
  maxrss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time$n.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time$n.txt")
  stored=$(sqlite3 "$work/db$n.sqlite" 'SELECT count(*) FROM documents')
  echo "N=$n: stored $stored, wall $wall, max RSS (largest process) ${maxrss} kB, peak tree RSS ${peak} kB"
  eval "maxrss_$n=$maxrss peak_$n=$peak"
done
awk -v a="$maxrss_100" -v b="$maxrss_1000" -v c="$peak_100" -v d="$peak_1000" \
  'BEGIN { printf "ratio 1000/100 of max RSS (/usr/bin/time -v): %.2f (acceptance: <= 1.5)\n", b / a;
          printf "process tree peak: %d kB at 100, %d kB at 1000 (coordinator + JOBS workers; the 100-document run\n", c, d;
          printf "  ends before the workers reach their steady size, so this pair is not a growth measure)\n" }'
