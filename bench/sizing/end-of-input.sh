#!/usr/bin/env bash
# The CPU of the end of a replay over many stored customers (docs/sizing.md, "The end of a replay"):
# a log of one cart per customer (CUSTOMERS, default 1,000,000, ids scrambled so that key order is not
# time order), `itinera run` of cart-recovery with RocksDB state and --customers-in-memory 100000, so
# that every customer waits in the store with an abandonment timer when the input ends. Samples the
# process's CPU (user + sys) every second, and that of its main thread, which reads the log: the end of
# the replay starts when the reader stops, and its CPU is the whole run's less the CPU spent until then.
#   bench/sizing/end-of-input.sh [JAR]      (default cli/target/itinera.jar; WORK: where to work)
# Prints the CPU of the whole run and of the end of the replay, and the sha256 of the output files.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=${1:-$here/cli/target/itinera.jar}
customers=${CUSTOMERS:-1000000}
work=${WORK:-$(mktemp -d)}
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
awk -v n="$customers" 'BEGIN { print "customer,time,type,productId,category,price,orderId,amount"; base = 1772323200
  for (i = 0; i < n; i++) printf "c%d,%s,cart_add,p%d,,%d.%02d,,\n", 10000000 + (i * 387853) % n,
    strftime("%Y-%m-%dT%H:%M:%SZ", base + int(i * 864000 / n), 1), i % 5000, 5 + i % 150, i % 100 }' > "$work/carts.csv"
tick=$(getconf CLK_TCK)
java -Xss4m -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -jar "$jar" run "$here/journeys/cart-recovery.journey" \
    --events "$work/carts.csv" --state "$work/state" --out "$work/out" --no-progress --customers-in-memory 100000 \
    > "$work/run.log" 2>&1 &
pid=$!
reader=0; total=0; readEnd=0
while kill -0 "$pid" 2>/dev/null; do
  now=$(awk -v t="$tick" '{print ($14 + $15) / t}' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  # the reader is Java's main thread: the busiest of the threads the launcher names "java"
  main=$(for task in /proc/"$pid"/task/*; do if [ "$(cat "$task/comm" 2>/dev/null)" = java ]; then cat "$task/stat" 2>/dev/null || true; fi; done \
      | awk -v t="$tick" -v d="$reader" '{ sub(/.*\) /, ""); c = ($12 + $13) / t; if (c > m) m = c } END { print (m > 0 ? m : d) }')
  if awk -v a="$main" -v b="$reader" 'BEGIN { exit !(a > b + 0.05) }'; then readEnd=$now; reader=$main; fi
  total=$now
  sleep 1
done
wait "$pid" || { tail -5 "$work/run.log" >&2; exit 1; }
echo "$(date -u +%FT%TZ) $customers customers, load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v t="$total" -v r="$readEnd" 'BEGIN { printf "whole run %.1f CPU-s; reading %.1f; end of the replay %.1f CPU-s\n", t, r, t - r }'
wc -l "$work"/out/*.jsonl
( cd "$work/out" && sha256sum ./*.jsonl )
