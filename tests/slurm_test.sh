#!/usr/bin/env bash
# The Slurm pipeline (deploy/slurm) on a real single-node Slurm started here: munged and slurmctld +
# slurmd in a temporary folder (own key, socket and ports; stopped by their pids at the end).
#   1. 4 shards over the test corpus (array, throttle 2) → merge (afterok) → export and site: the
#      merged export equals a plain `xxgk audit`'s, byte for byte (timestamps aside);
#   2. one array task killed (SIGKILL) mid-shard: the merge never runs; rerunning only that shard
#      (submit.sh --only 2) gives the same merged export.
# Skips (exit 77) only when slurmctld cannot be started here.
#   tests/slurm_test.sh XXGK_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
xxgk=$(realpath "$1")
tmp=$(mktemp -d /tmp/xxgk-slurm-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; for f in "$tmp"/*.log "$tmp"/out*/logs/*; do [ -f "$f" ] && { echo "== $f" >&2; tail -20 "$f" >&2; }; done; exit 1; }

for tool in slurmctld slurmd munged mungekey sbatch; do
  command -v "$tool" > /dev/null || PATH=$PATH:/usr/sbin
  command -v "$tool" > /dev/null || skip "no $tool (Debian slurm-wlm and munge)"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# munge, with its own key and socket.
mungekey --create --keyfile "$tmp/munge.key" --force > /dev/null 2>&1 || mungekey -c -k "$tmp/munge.key" > /dev/null
chmod 0400 "$tmp/munge.key"
munged --force --socket "$tmp/munge.sock" --key-file "$tmp/munge.key" --pid-file "$tmp/munged.pid" \
  --log-file "$tmp/munged.log" --seed-file "$tmp/munge.seed" || skip "munged does not start: $(tail -3 "$tmp/munged.log" 2>/dev/null)"
pids+=("$(cat "$tmp/munged.pid")")

mkdir -p "$tmp/state" "$tmp/spool"
cat > "$tmp/slurm.conf" <<CONF
ClusterName=xxgktest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge.sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=3600
SchedulerParameters=defer_batch
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf
slurmctld -D -f "$SLURM_CONF" > "$tmp/slurmctld.stdout" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
scontrol ping 2>/dev/null | grep -q UP || skip "slurmctld does not start here: $(tail -3 "$tmp/slurmctld.log" "$tmp/slurmctld.stdout" 2>/dev/null | tr '\n' ' ')"
slurmd -D -f "$SLURM_CONF" -N localhost > "$tmp/slurmd.stdout" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break; sleep 0.2; done
sinfo -h -o '%t' | grep -qE '^(idle|mix|alloc)' || fail "slurmd did not register the node: $(sinfo 2>&1)"

state() { scontrol show job "$1" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
wait_job() {  # wait_job ID SECONDS: until it ends; prints its final state
  local id=$1 until=$((SECONDS + $2)) s
  while [ $SECONDS -lt $until ]; do
    s=$(state "$id")
    case "$s" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) echo "$s"; return 0 ;; esac
    sleep 1
  done
  echo "TIMEOUT_WAITING"
}
array_states() {  # the states of the tasks of array job $1
  squeue -h -r -j "$1" -o '%K %T' 2>/dev/null || true
}
csv() {  # csv DB DIR: the export with timestamps blanked, into DIR/all.txt
  "$xxgk" export --db "$1" --csv "$2" > /dev/null
  for f in reports figures findings; do echo "== $f"; sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<time>/g' "$2/$f.csv"; done > "$2/all.txt"
}

# The test corpus (the slow formats, scanned PDFs and DOC, left out as in the shard tests).
mkdir -p "$tmp/input"
cp -r corpus/txt corpus/html corpus/pdf corpus/docx "$tmp/input/"
find "$tmp/input" -name '*.json' -delete
"$xxgk" audit "$tmp/input" --db "$tmp/plain.sqlite" --progress none --log-level off --jobs 2 > /dev/null || [ $? -le 1 ]
csv "$tmp/plain.sqlite" "$tmp/plain-csv"

# 1. The whole pipeline.
ids=$(deploy/slurm/submit.sh --input "$tmp/input" --out "$tmp/out1" --shards 4 --throttle 2 --xxgk "$xxgk" --scratch "$tmp/scratch")
echo "submitted: $ids"
site=$(echo "$ids" | sed -E 's/.*site=([0-9]+).*/\1/')
s=$(wait_job "$site" 600)
[ "$s" = COMPLETED ] || fail "the site job ended $s"
[ "$(ls "$tmp/out1/shards" | wc -l)" = 4 ] || fail "not 4 shard files: $(ls "$tmp/out1/shards")"
[ -f "$tmp/out1/site/index.html" ] || fail "no site built"
csv "$tmp/out1/xxgk.sqlite" "$tmp/out1-csv"
cmp "$tmp/plain-csv/all.txt" "$tmp/out1-csv/all.txt" || fail "the merged export differs from the plain run's"
echo "ok: 4 shards merged export what one plain run exports ($(wc -l < "$tmp/plain-csv/all.txt") lines)"

# 2. Shard 2 killed mid-run: a worker hangs on one of its documents until the task is killed.
victim=$(sqlite3 "$tmp/out1/shards/shard-2.sqlite" 'SELECT path FROM documents ORDER BY path LIMIT 1')
[ -n "$victim" ] || fail "shard 2 is empty"
ids=$(XXGK_WORKER_FAULT="hang:$victim" deploy/slurm/submit.sh --input "$tmp/input" --out "$tmp/out2" --shards 4 \
  --throttle 2 --xxgk "$xxgk" --scratch "$tmp/scratch2")
echo "submitted: $ids"
array=$(echo "$ids" | sed -E 's/array=([0-9]+).*/\1/')
merge=$(echo "$ids" | sed -E 's/.*merge=([0-9]+).*/\1/')
until=$((SECONDS + 300))
while [ $SECONDS -lt $until ] && ! array_states "$array" | grep -q "^2 RUNNING"; do sleep 1; done
array_states "$array" | grep -q "^2 RUNNING" || fail "shard 2 never ran: $(array_states "$array")"
sleep 2
scancel --signal=KILL "${array}_2"
for _ in $(seq 1 60); do array_states "$array" | grep -q . || break; sleep 1; done
s=$(wait_job "$merge" 60)
[ "$s" != COMPLETED ] || fail "the merge ran although shard 2 was killed"
[ ! -f "$tmp/out2/shards/shard-2.sqlite" ] || fail "a killed shard left its database in shards/"
scancel "$merge" 2> /dev/null || true
ids=$(deploy/slurm/submit.sh --only 2 --input "$tmp/input" --out "$tmp/out2" --shards 4 --xxgk "$xxgk" --scratch "$tmp/scratch2")
echo "resubmitted shard 2: $ids"
site=$(echo "$ids" | sed -E 's/.*site=([0-9]+).*/\1/')
s=$(wait_job "$site" 600)
[ "$s" = COMPLETED ] || fail "the site job after the rerun ended $s"
csv "$tmp/out2/xxgk.sqlite" "$tmp/out2-csv"
cmp "$tmp/plain-csv/all.txt" "$tmp/out2-csv/all.txt" || fail "after rerunning only the killed shard, the merged export differs"
echo "ok: shard 2 killed, rerun alone, the merged export is the plain run's"
