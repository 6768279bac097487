#!/usr/bin/env bash
# Scale-out on one machine (issue 21): N generated documents audited
#   (a) by one plain `xxgk audit --jobs 2`, and
#   (b) as 8 shards (`--shard K/8 --jobs 1`), 2 at a time (GNU parallel), then `xxgk merge`;
# in one command, so both see the same load. Prints wall and CPU of each, the ratio (b)/(a)
# (acceptance: <= 1.1), merge throughput (documents/s) and merge peak memory, and the peak
# memory of a shard, at N = 2,000 and 20,000 (acceptance: merge peak at 20,000 <= 1.5 x at 2,000).
# Checks that (b)'s export equals (a)'s (timestamps aside). Not in CI: about 30-40 minutes on 2 cores.
#
#   bench/scale/run.sh [BUILD_DIR] [SIZES]      (default: build "2000 20000")
#
# The documents are the corpus's HTML and text reports copied until there are N, each copy with a
# few bytes appended so its SHA-256 differs (every copy is read and stored).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
sizes=${2:-2000 20000}
xxgk="$PWD/$build/xxgk"
[ -x "$xxgk" ] || { echo "no $xxgk: build first" >&2; exit 2; }
for t in /usr/bin/time parallel sqlite3; do command -v "$t" > /dev/null || { echo "needs $t" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t sources < <(find corpus/html corpus/txt -type f \( -name '*.txt' -o -name '*.html' \) | sort)

make_docs() {  # make_docs DIR N
  local dir=$1 n=$2 i=0 src ext dst
  mkdir -p "$dir"
  while [ "$i" -lt "$n" ]; do
    for src in "${sources[@]}"; do
      [ "$i" -lt "$n" ] || break
      ext=${src##*.}
      dst=$(printf '%s/%03d/%06d.%s' "$dir" $((i / 1000)) "$i" "$ext")
      mkdir -p "${dst%/*}"
      cp "$src" "$dst"
      case "$ext" in
        html) printf '\n<!-- copy %d -->\n' "$i" >> "$dst" ;;
        *) printf '\n%*s' $((i % 200)) '' >> "$dst"; printf '%d\n' "$i" >> "$dst" ;;
      esac
      i=$((i + 1))
    done
  done
}
field() { awk -v k="$2" -F': ' '$1 ~ k {print $2}' "$1"; }  # a field of /usr/bin/time -v
secs() {  # h:mm:ss or m:ss.xx → seconds
  awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<< "$1"
}
canon() {  # export with timestamps blanked
  "$xxgk" export --db "$1" --csv "$2" > /dev/null
  for f in reports figures findings; do sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<time>/g' "$2/$f.csv"; done | md5sum | cut -d' ' -f1
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
for n in $sizes; do
  d="$work/docs$n"
  make_docs "$d" "$n"
  echo "== $n documents ($(du -sh "$d" | cut -f1))"
  # (a) plain
  /usr/bin/time -v -o "$work/plain.time" "$xxgk" audit "$d" --db "$work/plain$n.sqlite" --jobs 2 --progress none --log-level off > /dev/null || true
  pw=$(secs "$(field "$work/plain.time" 'Elapsed')"); pu=$(field "$work/plain.time" 'User time'); ps=$(field "$work/plain.time" 'System time')
  pm=$(field "$work/plain.time" 'Maximum resident')
  # (b) 8 shards 2 at a time, then merge
  mkdir -p "$work/shards$n"
  start=$(date +%s.%N)
  seq 0 7 | parallel --jobs 2 "/usr/bin/time -v -o $work/shard{}.time $xxgk audit $d --shard {}/8 --db $work/shards$n/shard-{}.sqlite --jobs 1 --progress none --log-level off > /dev/null || true"
  mid=$(date +%s.%N)
  /usr/bin/time -v -o "$work/merge.time" "$xxgk" merge --db "$work/merged$n.sqlite" "$work/shards$n"/shard-*.sqlite > "$work/merge.out"
  end=$(date +%s.%N)
  su=0; ss=0; sm=0
  for k in 0 1 2 3 4 5 6 7; do
    su=$(awk -v a="$su" -v b="$(field "$work/shard$k.time" 'User time')" 'BEGIN{print a+b}')
    ss=$(awk -v a="$ss" -v b="$(field "$work/shard$k.time" 'System time')" 'BEGIN{print a+b}')
    m=$(field "$work/shard$k.time" 'Maximum resident'); [ "$m" -gt "$sm" ] && sm=$m
  done
  mw=$(secs "$(field "$work/merge.time" 'Elapsed')"); mm=$(field "$work/merge.time" 'Maximum resident')
  mu=$(field "$work/merge.time" 'User time'); ms=$(field "$work/merge.time" 'System time')
  sw=$(awk -v a="$start" -v b="$mid" 'BEGIN{printf "%.1f", b-a}')
  tw=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  stored=$(sqlite3 "$work/merged$n.sqlite" 'SELECT count(*) FROM documents')
  same=$([ "$(canon "$work/plain$n.sqlite" "$work/pc$n")" = "$(canon "$work/merged$n.sqlite" "$work/mc$n")" ] && echo yes || echo NO)
  echo "plain audit --jobs 2:        wall ${pw} s, CPU ${pu} user + ${ps} sys, peak ${pm} kB (largest process)"
  echo "8 shards, 2 at a time:       wall ${sw} s, CPU ${su} user + ${ss} sys, shard peak ${sm} kB"
  echo "merge of 8 shards:           wall ${mw} s, CPU ${mu} user + ${ms} sys, peak ${mm} kB, $(awk -v n="$stored" -v w="$mw" 'BEGIN{printf "%.0f", n / w}') documents/s"
  echo "shards + merge / plain:      $(awk -v a="$tw" -v b="$pw" 'BEGIN{printf "%.2f", a / b}') (wall; acceptance <= 1.1)   shards alone / plain: $(awk -v a="$sw" -v b="$pw" 'BEGIN{printf "%.2f", a / b}')"
  echo "documents: $stored merged; export equal to the plain run's: $same"
  echo "merge_peak_$n=$mm" >> "$work/peaks"
  rm -rf "$d" "$work/shards$n" "$work"/*"$n".sqlite* "$work"/pc$n "$work"/mc$n
done
if [ "$(wc -l < "$work/peaks")" -ge 2 ]; then
  . "$work/peaks"
  set -- $sizes
  a=$(eval echo "\$merge_peak_$1"); b=$(eval echo "\$merge_peak_$2")
  echo "merge peak memory $2 / $1: $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", b / a}') (acceptance <= 1.5)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
