#!/usr/bin/env bash
# Issue 26's side-by-side: the plain-Drools baseline of ../shared/bench/drools-baseline against `itinera run`
# and `itinera simulate` of the same journey (its journey/baseline-cart.journey) on the baseline's own
# generated log, whole processes, alternating: baseline, run, simulate, N times. Prints each triple and the
# medians of wall, CPU (user+sys) and peak RSS, with the ratios to the baseline.
#   bench/vs-drools-baseline.sh [PAIRS] [EVENTS] [CUSTOMERS]      # defaults 5, 1000000, 100000
# Build itinera first (mvn -B -q -DskipTests package; the first run after a build writes the class-data
# archive, so run once before timing). The baseline is built in a temporary copy (../shared is read-only);
# BASELINE_JAR and LOG skip that build and the generation.
set -euo pipefail
pairs=${1:-5}; events=${2:-1000000}; customers=${3:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$here/../shared/bench/drools-baseline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${BASELINE_JAR:-}" ]; then
  cp -r "$shared" "$work/baseline"
  (cd "$work/baseline" && mvn -q -B package -DskipTests)
  BASELINE_JAR=$work/baseline/target/drools-baseline-1.jar
fi
if [ -z "${LOG:-}" ]; then
  LOG=$work/log.csv
  java -jar "$BASELINE_JAR" --gen "$events" "$customers" --seed 42 --save "$LOG" --warmup 0 >/dev/null
fi
journey=$shared/journey/baseline-cart.journey
columns=user_id,item_id,category_id,behavior_type,timestamp
map=customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.cart=cart_add,type.buy=purchase,type.fav=-,field.itemId=item_id,field.category=category_id
# one measured process: prints "wall cpu rssMiB"
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
    echo "failed: $*" >&2; tail -5 "$work/stderr" >&2; exit 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}
ours() { rm -rf "$work/out" "$work/state"
  measure "$here/itinera" "$@" "$journey" --events "$LOG" --columns "$columns" --map "$map" --out "$work/out"; }
printf '%-5s %-26s %-26s %-26s\n' pair "baseline wall/cpu/MiB" "run wall/cpu/MiB" "simulate wall/cpu/MiB"
: >"$work/all"
for i in $(seq 1 "$pairs"); do
  b=$(measure java -jar "$BASELINE_JAR" --file "$LOG" --warmup 0)
  r=$(ours run --state "$work/state")
  s=$(ours simulate)
  printf '%-5s %-26s %-26s %-26s\n' "$i" "$b" "$r" "$s"
  echo "$b $r $s" >>"$work/all"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for k in 1 2 3 4 5 6 7 8 9; do m[$k]=$(awk -v k=$k '{ print $k }' "$work/all" | median); done
printf 'median baseline: wall %.2f s, cpu %.2f s, peak RSS %.0f MiB\n' "${m[1]}" "${m[2]}" "${m[3]}"
for p in "run 4" "simulate 7"; do
  set -- $p
  printf 'median %-8s wall %.2f s (%.3fx), cpu %.2f s (%.3fx), peak RSS %.0f MiB (%.3fx)\n' "$1" \
    "${m[$2]}" "$(echo "${m[$2]} / ${m[1]}" | bc -l)" "${m[$(($2 + 1))]}" "$(echo "${m[$(($2 + 1))]} / ${m[2]}" | bc -l)" \
    "${m[$(($2 + 2))]}" "$(echo "${m[$(($2 + 2))]} / ${m[3]}" | bc -l)"
done
