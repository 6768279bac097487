#!/usr/bin/env bash
# Submits a night's xxgk run to Slurm: an array job with one task per shard (at most THROTTLE at a
# time), a merge job that starts only when every shard succeeded (--dependency=afterok), and the
# export and site build after the merge. See docs/scale.md.
#
#   deploy/slurm/submit.sh --input DIR --out DIR --shards N [--store FILE] [--throttle T] [--cpus C]
#                          [--xxgk PATH] [--scratch DIR] [--only K[,K…]] [--partition P] [--no-site]
#
#   --input    the documents (a folder every node sees, e.g. on NFS; only read)
#   --out      tonight's folder on the shared file system: shards/, logs/, csv/, site/
#   --store    the store the shards merge into (default OUT/xxgk.sqlite); last night's store makes the
#              merge incremental. It is merged on the node's local disk and copied back whole.
#   --scratch  node-local folder for the SQLite files while they are written (default $TMPDIR or
#              /tmp): SQLite's write-ahead log must never live on a network file system
#   --only     resubmit only these shards (after one failed), then merge and build again
#
# Prints the job ids: "array=ID merge=ID site=ID".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
input="" out="" shards="" store="" throttle=2 cpus=1 xxgk_bin="" scratch="" only="" partition="" site=1
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    --throttle) throttle=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --xxgk) xxgk_bin=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --partition) partition=$2; shift 2 ;;
    --no-site) site=0; shift ;;
    *) echo "submit.sh: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -n "$input" ] && [ -n "$out" ] && [ -n "$shards" ] || { echo "submit.sh: --input, --out and --shards are required" >&2; exit 2; }
xxgk_bin=${xxgk_bin:-$(command -v xxgk || true)}
[ -x "$xxgk_bin" ] || { echo "submit.sh: no xxgk binary (give --xxgk PATH)" >&2; exit 2; }
mkdir -p "$out/shards" "$out/logs"
out=$(cd "$out" && pwd)
input=$(cd "$input" && pwd)
store=${store:-$out/xxgk.sqlite}
array=${only:-0-$((shards - 1))}
common=(--parsable --chdir "$out" --export "ALL,XXGK=$xxgk_bin,XXGK_INPUT=$input,XXGK_OUT=$out,XXGK_SHARDS=$shards,XXGK_STORE=$store,XXGK_SCRATCH=$scratch")
[ -z "$partition" ] || common+=(--partition "$partition")

array_id=$(sbatch "${common[@]}" --job-name xxgk-shard --array "$array%$throttle" --cpus-per-task "$cpus" \
  --output "$out/logs/shard-%a.out" "$here/shard.sbatch")
merge_id=$(sbatch "${common[@]}" --job-name xxgk-merge --dependency "afterok:$array_id" --kill-on-invalid-dep=yes \
  --output "$out/logs/merge.out" "$here/merge.sbatch")
site_id=none
if [ "$site" = 1 ]; then
  site_id=$(sbatch "${common[@]}" --job-name xxgk-site --dependency "afterok:$merge_id" --kill-on-invalid-dep=yes \
    --output "$out/logs/site.out" "$here/site.sbatch")
fi
echo "array=$array_id merge=$merge_id site=$site_id"
