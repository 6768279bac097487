#!/usr/bin/env bash
# A night's run on a few machines over SSH with GNU parallel: one shard per job, JOBS shards at a
# time per machine, then the merge on this machine. Every machine must see --input and --out at
# the same paths (a shared folder) and have xxgk at the same path; SQLite files are written on each
# machine's local --scratch and copied to OUT/shards/ once closed. See docs/scale.md.
#
#   deploy/parallel/run.sh --hosts HOSTS --input DIR --out DIR --shards N [--jobs J] [--cpus C]
#                          [--xxgk PATH] [--scratch DIR] [--store FILE]
#
#   --hosts  GNU parallel's --sshlogin list, e.g. "node1,node2,node3" (":" is this machine, no SSH)
#   --jobs   shards at a time on each machine (default 1); --cpus: `xxgk audit --jobs` per shard (default 2)
# A failed shard: run the same command again — parallel's --resume-failed reruns only the shards
# whose job failed (the job log is OUT/parallel.log), and the merge follows.
set -euo pipefail
hosts="" input="" out="" shards="" jobs=1 cpus=2 xxgk_bin="" scratch=/tmp store=""
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --xxgk) xxgk_bin=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$hosts" ] && [ -n "$input" ] && [ -n "$out" ] && [ -n "$shards" ] || { echo "run.sh: --hosts, --input, --out and --shards are required" >&2; exit 2; }
xxgk_bin=${xxgk_bin:-$(command -v xxgk || true)}
[ -x "$xxgk_bin" ] || { echo "run.sh: no xxgk binary (give --xxgk PATH)" >&2; exit 2; }
mkdir -p "$out/shards"
out=$(cd "$out" && pwd)
input=$(cd "$input" && pwd)
store=${store:-$out/xxgk.sqlite}
tag=$(echo "$out" | md5sum | cut -c1-12)

# One shard on whichever machine parallel picks: audit into local scratch (a rerun on the same
# machine resumes it), exit 1 (some documents failed to read) is a complete shard, then publish.
shard='k={}; db='"$scratch"'/xxgk-'"$tag"'-$k.sqlite; mkdir -p '"$scratch"'; '
shard+='"'"$xxgk_bin"'" audit "'"$input"'" --shard "$k/'"$shards"'" --db "$db" --jobs '"$cpus"' --progress none --log-level warn; s=$?; '
shard+='[ $s -le 1 ] || exit $s; '
shard+='cp "$db" "'"$out"'/shards/.shard-$k.part" && mv -f "'"$out"'/shards/.shard-$k.part" "'"$out"'/shards/shard-$k.sqlite"'

status=0
seq 0 $((shards - 1)) | parallel --sshlogin "$hosts" --jobs "$jobs" --joblog "$out/parallel.log" --resume-failed \
  --halt never "$shard" || status=$?
[ "$status" = 0 ] || { echo "run.sh: $status shard(s) failed (see $out/parallel.log); run the same command again to rerun them" >&2; exit 1; }

merge_dir=$(mktemp -d)
trap 'rm -rf "$merge_dir"' EXIT
[ ! -f "$store" ] || cp "$store" "$merge_dir/store.sqlite"
"$xxgk_bin" merge --db "$merge_dir/store.sqlite" "$out"/shards/shard-*.sqlite
cp "$merge_dir/store.sqlite" "$store.part"
mv -f "$store.part" "$store"
