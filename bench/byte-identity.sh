#!/usr/bin/env bash
# Runs a fixed set of replays and writes one checksum per output file, so two builds can be
# compared byte for byte (issue 21: a refactoring changes no result).
#   bench/byte-identity.sh OUT_ROOT            # uses ./itinera of this checkout
#   diff OUT_A/checksums.txt OUT_B/checksums.txt
# HOSTS="run" or "flink" runs one host only.
# Inputs: the shared Taobao log (README mapping), a generated 1M-event log (cart-recovery and the
# workspace), each through `run` and through the Flink job (--local).
set -euo pipefail
out=${1:?usage: bench/byte-identity.sh OUT_ROOT}
itinera=${ITINERA:-./itinera}
shared=${SHARED:-../shared}
gen=${GEN_LOG:-/tmp/byte-identity-1m.jsonl}
mkdir -p "$out"
[ -s "$gen" ] || $itinera generate --count 1000000 --customers 100000 -o "$gen" >/dev/null
taobao_map='customer=user_id,time=timestamp:epoch-seconds,type=behavior_type,type.pv=product_view,type.fav=favourite,type.cart=cart_add,type.buy=purchase,field.itemId=item_id,field.category=category_id'
taobao_cols='user_id,item_id,category_id,behavior_type,timestamp'
taobao_jsonl="$out/taobao.jsonl"

hosts=${HOSTS:-run flink}
replay() { # name, host, journey, events, extra args...
  local name=$1 host=$2 journey=$3 events=$4; shift 4
  case " $hosts " in *" $host "*) ;; *) return 0 ;; esac
  local dir="$out/$name-$host"
  rm -rf "$dir"
  if [ "$host" = run ]; then
    $itinera run "$journey" --events "$events" --out "$dir" --no-progress "$@" >"$out/$name-$host.log" 2>&1
  else
    $itinera flink "$journey" --events "$events" --out "$dir" --local --parallelism 2 "$@" >"$out/$name-$host.log" 2>&1
  fi
}

replay taobao run journeys/taobao-browse-to-buy.journey "$shared/data/taobao-user-behavior/user_behavior.csv" \
  --columns "$taobao_cols" --map "$taobao_map"
replay cart1m run journeys/cart-recovery.journey "$gen" --map type.favourite=-
replay workspace1m run journeys/workspace "$gen"
# the Flink job takes no --columns: it reads the Taobao log as JSON Lines with the same field names
[ -s "$taobao_jsonl" ] || awk -F, '{ printf "{\"user_id\":\"%s\",\"item_id\":\"%s\",\"category_id\":\"%s\",\"behavior_type\":\"%s\",\"timestamp\":%s}\n", $1, $2, $3, $4, $5 }' \
  "$shared/data/taobao-user-behavior/user_behavior.csv" > "$taobao_jsonl"
replay taobao flink journeys/taobao-browse-to-buy.journey "$taobao_jsonl" --map "$taobao_map"
replay cart1m flink journeys/cart-recovery.journey "$gen" --map type.favourite=-
replay workspace1m flink journeys/workspace "$gen"

# run's files byte for byte; a Flink job's outputs are part files written by parallel subtasks, in no
# set order: their lines, sorted
{
  for dir in "$out"/*-run; do
    [ -d "$dir" ] || continue
    for file in "$dir"/*.jsonl; do
      echo "$(sha256sum < "$file" | cut -c1-64)  $(basename "$dir")/$(basename "$file")"
    done
  done
  for dir in "$out"/*-flink; do
    [ -d "$dir" ] || continue
    for kind in "$dir"/*; do
      [ -e "$kind" ] || continue
      echo "$(find "$kind" -type f ! -name '.*' -exec cat {} + | LC_ALL=C sort | sha256sum | cut -c1-64)  $(basename "$dir")/$(basename "$kind") (lines sorted)"
    done
  done
} > "$out/checksums.txt"
cat "$out/checksums.txt"
