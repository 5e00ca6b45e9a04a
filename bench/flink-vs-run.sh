#!/usr/bin/env bash
# Issue 27's side-by-side: the Flink job (`itinera flink --local --parallelism 2`) against `itinera run` of the
# same journey on the same generated JSON Lines log, whole processes, alternating: run, Flink, N times. Prints each
# pair's CPU (user+sys), peak RSS and the Flink/run CPU ratio, the median ratio, and whether the two wrote the
# same actions and stage changes (sorted). Also the fixed part: both over a 1-line log.
#   bench/flink-vs-run.sh [PAIRS] [EVENTS] [CUSTOMERS]     # defaults 5, 1000000, 100000
# Build first (mvn -B -q -DskipTests package), then run each command once: the first run and the first Flink job
# after a build write their class-data archives. LOG skips the generation; JOURNEY (default cart-recovery) and
# MAP (default type.favourite=-) choose the journey.
set -euo pipefail
pairs=${1:-5}; events=${2:-1000000}; customers=${3:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
itinera=$here/itinera
journey=${JOURNEY:-$here/journeys/cart-recovery.journey}
map=${MAP:-type.favourite=-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${LOG:-}" ]; then
  LOG=$work/log.jsonl
  "$itinera" generate --count "$events" --customers "$customers" -o "$LOG" >/dev/null
fi
# one measured process: prints "cpu rssMiB"
measure() {
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
    echo "failed: $*" >&2; tail -5 "$work/stderr" >&2; exit 1; }
  awk '{ printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }' "$work/time"
}
run() { rm -rf "$work/run" "$work/state"; measure "$itinera" run "$journey" --events "$1" --map "$map" --out "$work/run" --state "$work/state" --no-progress; }
flink() { rm -rf "$work/flink"; measure "$itinera" flink "$journey" --events "$1" --map "$map" --local --parallelism 2 --out "$work/flink"; }
sorted() { if [ -d "$1" ]; then cat "$1"/* | sort; else sort "$1"; fi | sha256sum | cut -c1-16; }
head -1 "$LOG" >"$work/one.jsonl"
printf 'fixed part (1-line log): run %s CPU-s / %s MiB, flink %s CPU-s / %s MiB\n' $(run "$work/one.jsonl") $(flink "$work/one.jsonl")
printf '%-5s %-18s %-18s %s\n' pair "run cpu/MiB" "flink cpu/MiB" ratio
: >"$work/ratios"
for i in $(seq 1 "$pairs"); do
  r=$(run "$LOG"); f=$(flink "$LOG")
  ratio=$(echo "$(echo "$f" | cut -d' ' -f1) / $(echo "$r" | cut -d' ' -f1)" | bc -l)
  printf '%-5s %-18s %-18s %.3f\n' "$i" "$r" "$f" "$ratio"
  echo "$ratio" >>"$work/ratios"
done
printf 'median Flink/run CPU: %.3f\n' "$(sort -g "$work/ratios" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
for f in actions stage-changes; do
  same=$([ "$(sorted "$work/run/$f.jsonl")" = "$(sorted "$work/flink/$f")" ] && echo same || echo DIFFERENT)
  echo "$f: $(wc -l <"$work/run/$f.jsonl") lines from run, $same from Flink (sorted)"
done
