#!/usr/bin/env bash
# Whole-process wall time of `itinera run` (cart-recovery: Drools rules, ONNX model, RocksDB state, JSON Lines
# outputs; one cold process) against the plain-Drools baseline program of ../shared/bench/drools-baseline on the
# same file, alternating the two.
#   bench/run-vs-baseline.sh LOG BASELINE_JAR [PAIRS]
# LOG is in the baseline's format (its --save writes one): user_id,item_id,category_id,behavior_type,timestamp.
# Build the baseline in a copy outside ../shared (its README says how); build itinera with mvn -DskipTests package.
set -euo pipefail
log=$1; baseline=$2; pairs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
map="customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.fav=-,type.cart=cart_add,type.buy=purchase,field.productId=item_id,field.category=category_id"
for i in $(seq 1 "$pairs"); do
  rm -rf "$out/run"
  /usr/bin/time -f "itinera  wall %e s, cpu %U+%S s, peak RSS %M KB" "$here/itinera" run "$here/journeys/cart-recovery.journey" \
    --events "$log" --columns user_id,item_id,category_id,behavior_type,timestamp --map "$map" --out "$out/run" --no-progress \
    2>&1 >"$out/itinera.txt" | tail -1
  grep -E "speed|actions" "$out/itinera.txt" | sed 's/^/    /'
  /usr/bin/time -f "baseline wall %e s, cpu %U+%S s, peak RSS %M KB" java -jar "$baseline" --file "$log" --warmup 0 \
    2>&1 >"$out/baseline.txt" | tail -1
  grep -E "processing|actions" "$out/baseline.txt" | sed 's/^/    /'
done
