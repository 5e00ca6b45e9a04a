#!/usr/bin/env bash
# Bytes per customer of each sample journey and of the workspace journeys/workspace: one `itinera run`
# each over the same generated log, then StateSize.java on its --state directory (a markdown table row:
# customers, state directory bytes, and per customer: the directory, the customers' SST files, the
# SlotCodec record, the heap of a held customer).
#   bench/state-size/state-size.sh [LOG]   (default: itinera generate --count 200000 --customers 20000 --seed 7)
# Build itinera first: mvn -B -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=${1:-$work/events.csv}
[ -f "$log" ] || "$here/itinera" generate --count 200000 --customers 20000 --seed 7 -o "$log" >/dev/null
types=$(tail -n +2 "$log" | cut -d, -f3 | sort -u)
# A journey skips (--map type.T=-) the event types it does not declare (else they are dead letters).
skips() { local t m="" j; for t in $types; do grep -Eqh "event +$t( |\{|$)" "$@" || m="$m,type.$t=-"; done; echo "${m#,}"; }
echo "| journey | customers | state dir, bytes | dir / customer | SST / customer | SlotCodec record | heap / held customer |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for target in "$here"/journeys/*.journey "$here/journeys/workspace"; do
  name=$(basename "$target" .journey)
  if [ -d "$target" ]; then map=$(skips "$target"/*.journey); else map=$(skips "$target"); fi
  # The UCI journey reads one event per order: the log's purchases are its orders.
  [ "$name" = uci-repeat-purchase ] && map="type.purchase=order,field.invoice=orderId,unknown=skip"
  "$here/itinera" run "$target" --events "$log" --state "$work/$name/state" --out "$work/$name/out" --no-progress \
    ${map:+--map "$map"} >"$work/$name.txt" 2>&1 || { echo "| $name | run failed: $(tail -1 "$work/$name.txt") |"; continue; }
  java -cp "$here/cli/target/itinera.jar" "$here/bench/state-size/StateSize.java" "$work/$name/state" "$name"
done
