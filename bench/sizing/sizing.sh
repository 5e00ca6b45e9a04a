#!/usr/bin/env bash
# The measurements behind docs/sizing.md, in CPU-seconds (user + sys of the whole process tree, from
# /usr/bin/time), so that they hold on a machine busy with other work; wall times are printed too.
#   rates: events per CPU-second of `itinera run` (RocksDB state) and of `itinera flink --local
#          --parallelism 2` per sample journey, on one generated log (JSON Lines,
#          `itinera generate --count 1000000 --customers 100000`); SIZING_FLINK lists the journeys
#          the Flink job runs (default: cart-recovery churn-winback), SIZING_JOURNEYS limits both (default: all)
#   10m:   10M customers: a log of one cart per customer (the smallest log that gives every one of
#          them a journey state; `itinera generate` picks customers by a Pareto-like activity, so 10M
#          distinct ones would take some 55M events), `itinera run` of cart-recovery over it with
#          RocksDB state, the state's size, then CheckpointTiming.java on that state (docs/sizing.md
#          used CheckpointTiming's POPULATION on a small run's state instead: the 10M run's end of
#          input, which fires 10M timers, did not finish on the shared machine).
#   bench/sizing/sizing.sh [rates] [10m]      (both by default; build itinera and the flink job first:
#                                             mvn -B -q -DskipTests package)
# Leaves nothing behind but its output (WORK, default a temporary folder, is deleted at the end).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
parts=${*:-rates 10m}
work=${WORK:-$(mktemp -d)}
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
itinera=$here/itinera

# prints "user+sys-seconds wall-seconds peak-RSS-MB" of a command (its output to $work/last.txt)
measure() {
  /usr/bin/time -f "%U %S %e %M" -o "$work/time.txt" "$@" > "$work/last.txt" 2>&1 || { tail -5 "$work/last.txt" >&2; return 1; }
  awk '{printf "%.1f %.1f %.0f\n", $1 + $2, $3, $4 / 1024}' "$work/time.txt"
}

skips() { # the event types a journey does not declare are skipped (else dead letters)
  local t m="" types="product_view favourite cart_add purchase"
  for t in $types; do grep -Eqh "event +$t( |\{|$)" "$@" || m="$m,type.$t=-"; done; echo "${m#,}"
}

if [[ " $parts " == *" rates "* ]]; then
  log=${LOG_1M:-$work/shop-1m.jsonl}  # LOG_1M: that log, already generated
  [ -f "$log" ] || "$itinera" generate --count 1000000 --customers 100000 -o "$log" > /dev/null 2>&1
  events=$(wc -l < "$log")
  echo "## $(date -u +%FT%TZ) rates on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg): $events events"
  echo "| journey | host | CPU s | wall s | peak RSS MB | events / CPU-second | actions |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  for journey in "$here"/journeys/*.journey; do
    name=$(basename "$journey" .journey)
    [ -z "${SIZING_JOURNEYS:-}" ] || [[ " $SIZING_JOURNEYS " == *" $name "* ]] || continue
    map=$(skips "$journey")
    [ "$name" = uci-repeat-purchase ] && map="type.purchase=order,field.invoice=orderId,unknown=skip"
    figures=$(measure "$itinera" run "$journey" --events "$log" --out "$work/$name-run" --no-progress ${map:+--map "$map"}) \
        || { echo "| $name | run failed |"; continue; }
    read -r cpu wall rss <<< "$figures"
    actions=$(wc -l < "$work/$name-run/actions.jsonl")
    echo "| $name | run | $cpu | $wall | $rss | $(awk -v e="$events" -v c="$cpu" 'BEGIN{printf "%.0f", e / c}') | $actions |"
    if [[ " ${SIZING_FLINK:-cart-recovery churn-winback} " == *" $name "* ]]; then
      if figures=$(measure "$itinera" flink "$journey" --events "$log" --out "$work/$name-flink" --local \
          --parallelism 2 ${map:+--map "$map"}); then
        read -r cpu wall rss <<< "$figures"
        actions=$( { find "$work/$name-flink/actions" -type f -exec cat {} + 2>/dev/null || true; } | wc -l)  # part files
        echo "| $name | flink --local -p 2 | $cpu | $wall | $rss | $(awk -v e="$events" -v c="$cpu" 'BEGIN{printf "%.0f", e / c}') | $actions |"
      else
        echo "| $name | flink failed |"
      fi
    fi
    rm -rf "$work/$name-run" "$work/$name-flink"
  done
  [ -n "${LOG_1M:-}" ] || rm -f "$log"
fi

if [[ " $parts " == *" 10m "* ]]; then
  log=$work/carts-10m.csv
  awk 'BEGIN { print "customer,time,type,productId,category,price,orderId,amount"; base = 1772323200
    for (i = 0; i < 10000000; i++) printf "c%d,%s,cart_add,p%d,,%d.%02d,,\n", 10000000 + i,
      strftime("%Y-%m-%dT%H:%M:%SZ", base + int(i * 0.0864), 1), i % 5000, 5 + i % 150, i % 100 }' > "$log"
  echo "## $(date -u +%FT%TZ) 10M customers, one cart each over 10 days: cart-recovery, RocksDB state"
  figures=$(measure "$itinera" run "$here/journeys/cart-recovery.journey" --events "$log" \
      --state "$work/10m/state" --out "$work/10m/out" --no-progress)
  read -r cpu wall rss <<< "$figures"
  grep -E "customers|events/s|checkpoint" "$work/last.txt" || true
  state=$(du -sb "$work/10m/state" | cut -f1)
  echo "run: $cpu CPU s, $wall s wall, peak RSS $rss MB; state directory $state bytes ($(awk -v s="$state" 'BEGIN{printf "%.0f", s / 1e7}') B / customer)"
  rm -f "$log"
  java -cp "$here/cli/target/itinera.jar" "$here/bench/sizing/CheckpointTiming.java" "$work/10m/state" "$work/10m/copy"
  du -sh "$work/10m/copy"
fi
