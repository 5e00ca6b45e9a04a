#!/usr/bin/env bash
# The 10M-customer row of docs/sizing.md, measured: one JSON Lines log of one cart per customer (CUSTOMERS,
# default 10,000,000; the smallest log that gives every customer a journey state) within SPAN seconds of event
# time (default 3000: 50 minutes, under cart-recovery's hour in Carted, so every customer ends in Carted with their
# abandonment timer pending: the cost measured is the customers' state and its checkpoints, not the journey's
# later steps; SPAN=864000 spreads them over 10 days, where 1 hour later each is scored and nudged), then on it
#   1. itinera flink --local --parallelism 2 with RocksDB state and incremental checkpoints (FLINK_CONF_DIR, as a
#      cluster would have them) every CHECKPOINT_MS (default 10000): CPU (user + sys of the process tree), wall,
#      peak RSS, and every checkpoint's full and incremental size and duration from the MiniCluster's REST API;
#      the RocksDB working folders and the checkpoint folder are sampled every 2 s for their largest size; the end
#      of the input (from the source's vertex FINISHED in the REST API, all input read, to the process exit: the
#      final watermark, the last write-back, the final checkpoint and the shutdown) in wall and CPU seconds;
#   2. itinera run of the same journey on the same log (RocksDB state): CPU, wall, peak RSS, the state folder.
# CPU-seconds are comparable between a quiet and a busy machine; wall seconds are not.
#   bench/sizing/ten-million.sh [flink] [run]   (both by default; build first: mvn -B -q -DskipTests package)
# WORK (default a temporary folder; needs about 4 GB for 10M customers) is deleted at the end unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
parts=${*:-flink run}
customers=${CUSTOMERS:-10000000}
checkpoint_ms=${CHECKPOINT_MS:-10000}
port=${REST_PORT:-18181}
journey=${JOURNEY:-$here/journeys/cart-recovery.journey}
work=${WORK:-$(mktemp -d)}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
itinera=$here/itinera

log=${LOG:-$work/carts.jsonl}
if [ ! -f "$log" ]; then
  awk -v n="$customers" -v span="${SPAN:-3000}" 'BEGIN { base = 1772323200; step = span / n
    for (i = 0; i < n; i++) printf "{\"customer\":\"c%d\",\"time\":\"%s\",\"type\":\"cart_add\",\"productId\":\"p%d\",\"price\":%d.%02d}\n",
      10000000 + i, strftime("%Y-%m-%dT%H:%M:%SZ", base + int(i * step), 1), i % 5000, 5 + i % 150, i % 100 }' > "$log"
fi
events=$(wc -l < "$log")
echo "## $(date -u +%FT%TZ) $events events of $customers customers ($(du -h "$log" | cut -f1)), $(basename "$journey"), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU seconds (user + sys) of process $1 and its descendants so far
tree_cpu() {
  local pids=$1 next=$1 ticks=0 p
  while next=$(for p in $next; do pgrep -P "$p"; done | tr '\n' ' ') && [ -n "${next// /}" ]; do pids="$pids $next"; done
  for p in $pids; do
    ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2> /dev/null || echo 0)))
  done
  echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc
}

# the moment (wall s since called, CPU s of process $1's tree) the job's source vertex is FINISHED, into file $2
input_read() {
  local pid=$1 file=$2 started id=
  started=$(date +%s.%N)
  rm -f "$file"
  while kill -0 "$pid" 2> /dev/null; do
    [ -n "$id" ] || id=$(curl -sf "localhost:$port/jobs/overview" | python3 -c 'import sys, json; print(json.load(sys.stdin)["jobs"][0]["jid"])' 2> /dev/null || true)
    if [ -n "$id" ] && curl -sf "localhost:$port/jobs/$id" | python3 -c 'import sys, json
sys.exit(0 if any(v["name"].startswith("Source") and v["status"] == "FINISHED" for v in json.load(sys.stdin)["vertices"]) else 1)' 2> /dev/null; then
      echo "$(echo "$(date +%s.%N) - $started" | bc) $(tree_cpu "$pid")" > "$file"
      return
    fi
    sleep 0.5
  done
}

# largest size in bytes a folder reaches while process $1 lives, sampled every 2 s, into file $3
watch_size() {
  local pid=$1 folder=$2 file=$3 max=0 size
  while kill -0 "$pid" 2> /dev/null; do
    size=$(du -sb "$folder" 2> /dev/null | cut -f1 | head -1 || true)  # files vanish while du reads: then it exits 1
    [ "${size:-0}" -gt "$max" ] && max=$size && echo "$max" > "$file"
    sleep 2
  done
}

if [[ " $parts " == *" flink "* ]]; then
  conf=$work/flink-conf
  mkdir -p "$conf" "$work/rocksdb"
  cat > "$conf/config.yaml" << EOF
state.backend.type: rocksdb
execution.checkpointing.incremental: true
state.backend.rocksdb.localdir: $work/rocksdb
rest.bind-port: $port
rest.port: $port
web.checkpoints.history: 100000
EOF
  # FLINK_CONF: more lines for it, for example "state.backend.rocksdb.use-bloom-filter: true"
  [ -z "${FLINK_CONF:-}" ] || printf '%b\n' "$FLINK_CONF" >> "$conf/config.yaml"
  out=$work/flink-out
  FLINK_CONF_DIR=$conf /usr/bin/time -f "%U %S %e %M" -o "$work/flink-time.txt" "$itinera" flink "$journey" --events "$log" \
      --out "$out" --local --parallelism 2 --checkpoint-ms "$checkpoint_ms" > "$work/flink.txt" 2>&1 &
  job=$!
  watch_size "$job" "$work/rocksdb" "$work/rocksdb-max.txt" &
  watch_size "$job" "$out/.checkpoints" "$work/checkpoints-max.txt" &
  # the moment (wall s since the start, CPU s of the process tree) the source's vertex finished: all input read
  input_read "$job" "$work/input-read.txt" &
  # the checkpoints' statistics, kept from the last answer before the job ends
  while kill -0 "$job" 2> /dev/null; do
    id=$(curl -sf "localhost:$port/jobs/overview" | python3 -c 'import sys, json; print(json.load(sys.stdin)["jobs"][0]["jid"])' 2> /dev/null || true)
    [ -n "$id" ] && curl -sf "localhost:$port/jobs/$id/checkpoints" > "$work/checkpoints.new" 2> /dev/null && mv "$work/checkpoints.new" "$work/checkpoints.json"
    sleep 2
  done
  wait "$job" || { tail -20 "$work/flink.txt"; exit 1; }
  wait
  grep -v WARN "$work/flink.txt" || true
  read -r user sys wall rss < "$work/flink-time.txt"
  actions=$( { find "$out/actions" -type f -exec cat {} + 2> /dev/null || true; } | wc -l)
  awk -v u="$user" -v s="$sys" -v w="$wall" -v m="$rss" -v e="$events" -v a="$actions" 'BEGIN {
    printf "flink --local -p 2, RocksDB: %.1f CPU s (%.1f user + %.1f sys), %.0f s wall, peak RSS %.2f GB, %.0f events per CPU-second, %d actions\n",
      u + s, u, s, w, m / 1048576, e / (u + s), a }'
  if [ -f "$work/input-read.txt" ]; then
    read -r read_wall read_cpu < "$work/input-read.txt"
    awk -v rw="$read_wall" -v rc="$read_cpu" -v w="$wall" -v c="$(echo "$user + $sys" | bc)" 'BEGIN {
      printf "all input read (the source finished) at %.0f s wall, %.1f CPU s; the end of the input, from there to the process exit (final watermark, write-back, final checkpoint, shutdown): %.0f s wall, %.1f CPU s\n",
        rw, rc, w - rw, c - rc }'
  else
    echo "the end of the input: the source's end was not seen in the REST API (the job failed, or ended within a sample)"
  fi
  python3 - "$work/checkpoints.json" "$(cat "$work/rocksdb-max.txt" 2> /dev/null || echo 0)" \
      "$(cat "$work/checkpoints-max.txt" 2> /dev/null || echo 0)" "$customers" << 'EOF'
import json, sys
stats, rocksdb, folder, customers = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
done = sorted((c for c in stats["history"] if c["status"] == "COMPLETED"), key=lambda c: c["id"])
c = stats["counts"]
print(f"checkpoints: {c['completed']} completed, {c['failed']} failed (statistics of the last {len(stats['history'])})")
print("| checkpoint | full state | incremental (uploaded) | duration ms |")
print("| ---: | ---: | ---: | ---: |")
for k in done:
    print(f"| {k['id']} | {k['state_size']:,} | {k['checkpointed_size']:,} | {k['end_to_end_duration']:,} |")
if done:
    largest = max(done, key=lambda k: k["state_size"])
    incremental = [k["checkpointed_size"] for k in done[1:]]
    durations = sorted(k["end_to_end_duration"] for k in done)
    print(f"largest full checkpoint {largest['state_size'] / 1e9:.2f} GB ({largest['state_size'] / customers:.0f} B per customer), "
          f"incremental median {sorted(incremental)[len(incremental) // 2] / 1e6 if incremental else 0:.1f} MB, "
          f"max {max(incremental, default=0) / 1e6:.1f} MB; duration median {durations[len(durations) // 2] / 1e3:.1f} s, max {durations[-1] / 1e3:.1f} s")
print(f"RocksDB working folders at most {rocksdb / 1e9:.2f} GB ({rocksdb / customers:.0f} B per customer); "
      f"checkpoint folder at most {folder / 1e9:.2f} GB ({folder / customers:.0f} B per customer)")
EOF
  rm -rf "$out" "$work/rocksdb"
fi

if [[ " $parts " == *" run "* ]]; then
  state=$work/run-state
  /usr/bin/time -f "%U %S %e %M" -o "$work/run-time.txt" "$itinera" run "$journey" --events "$log" --state "$state" \
      --out "$work/run-out" --no-progress --checkpoint-ms "$checkpoint_ms" > "$work/run.txt" 2>&1 &
  job=$!
  watch_size "$job" "$state" "$work/state-max.txt" &
  wait "$job" || { tail -20 "$work/run.txt"; exit 1; }
  wait
  grep -v WARN "$work/run.txt" || true
  read -r user sys wall rss < "$work/run-time.txt"
  actions=$(wc -l < "$work/run-out/actions.jsonl")
  final=$(du -sb "$state" | cut -f1)
  tables=$(find "$state" -name '*.sst' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  awk -v u="$user" -v s="$sys" -v w="$wall" -v m="$rss" -v e="$events" -v a="$actions" -v f="$final" -v t="$tables" \
      -v x="$(cat "$work/state-max.txt" 2> /dev/null || echo 0)" -v c="$customers" 'BEGIN {
    printf "run, RocksDB: %.1f CPU s (%.1f user + %.1f sys), %.0f s wall, peak RSS %.2f GB, %.0f events per CPU-second, %d actions\n",
      u + s, u, s, w, m / 1048576, e / (u + s), a
    printf "state folder at the end %.2f GB (%.0f B per customer; tables %.0f B per customer), at most %.2f GB during the run\n",
      f / 1e9, f / c, t / c, x / 1e9 }'
  rm -rf "$state" "$work/run-out"
fi
