#!/usr/bin/env bash
# A workspace run (every journey of a folder over one stream, one cold `itinera run DIR` process) against
# running the same journeys one by one (one cold `itinera run FILE` process each) on the same log, alternating.
#   bench/workspace-vs-separate.sh LOG [FOLDER] [ROUNDS]
# LOG: a CSV with the event type in the third column, e.g. `itinera generate --count 1000000 --customers 100000 -o events.csv`;
# FOLDER defaults to journeys/workspace. A journey alone skips (--map type.T=-) the types it does not declare.
# Build itinera first with mvn -DskipTests package (the first run after a build writes the class-data archive).
set -euo pipefail
log=$1
here=$(cd "$(dirname "$0")/.." && pwd)
folder=${2:-$here/journeys/workspace}
rounds=${3:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
events=$(($(wc -l <"$log") - 1))
types=$(tail -n +2 "$log" | cut -d, -f3 | sort -u)
# A journey run alone skips the event types it does not declare (else they are dead letters).
skips() { local t m=""; for t in $types; do grep -Eq "event +$t( |\{|$)" "$1" || m="$m,type.$t=-"; done; echo "${m#,}"; }
seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; }
for round in $(seq 1 "$rounds"); do
  rm -rf "$out/ws"
  ws=$(seconds "$here/itinera" run "$folder" --events "$log" --out "$out/ws" --no-progress)
  echo "round $round: workspace of $(ls "$folder"/*.journey | wc -l) journeys: $ws s, $(echo "$events / $ws" | bc) events/s"
  total=0
  for journey in "$folder"/*.journey; do
    rm -rf "$out/one"
    map=$(skips "$journey")
    one=$(seconds "$here/itinera" run "$journey" --events "$log" --out "$out/one" --no-progress ${map:+--map "$map"})
    echo "    $(basename "$journey"): $one s"
    total=$(echo "$total + $one" | bc)
  done
  echo "round $round: one by one: $total s in all, $(echo "$events / $total" | bc) events/s"
done
