#!/usr/bin/env bash
# Prepares the GPU check on the build machine (JDK 17 with jlink, Python with torch and onnxruntime),
# for bench/gpu/device.sh to run on a machine that has only Python, PyTorch and CUDA:
#   1. the sample cart-recovery journey twice (intent model in process; `device remote` at
#      http://${ITINERA_V2}/v2/models/purchase_intent), its trigger at 0.08 so scores fall both sides;
#   2. the decisions of a local run with the model in process (ONNX Runtime, CPU): the expected output;
#   3. ONNX Runtime's outputs of both sample models for seeded rows (reference.json);
#   4. a traced run against bench/gpu/v2_server.py on this CPU: the classes it loads make a slim
#      Linux x86-64 jar (slim_jar.py) and the JDK modules it uses a jlink'ed runtime;
#   5. the slim jar on the jlink'ed runtime run again here: the same decisions, or it stops;
#   6. all of it packed into bench/gpu/target/parts/gpu-check.tgz.part-*, 45 MiB each (a device call
#      carries at most 64 MiB with the working tree).
#   PYTHON=/path/to/venv/bin/python bench/gpu/prepare.sh     (build cli/target/itinera.jar first)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}
jar=cli/target/itinera.jar
[ -f "$jar" ] || { echo "build $jar first: mvn -B -q -pl cli -am -DskipTests package" >&2; exit 2; }
"$python" -c "import torch, onnxruntime" || { echo "PYTHON=$python needs torch and onnxruntime (bench/gpu/README.md)" >&2; exit 2; }
out=bench/gpu/target
stage=$out/stage
rm -rf "$out"
mkdir -p "$stage/models" "$out/parts" "$out/work"
work=$out/work
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; true' EXIT

cp journeys/models/purchase_intent.onnx journeys/models/churn_risk.onnx "$stage/models/"
cp journeys/data/shop-20k.csv "$stage/"
"$python" - "$stage" <<'PY'
import sys
stage = sys.argv[1]
text = open("journeys/cart-recovery.journey", encoding="utf-8").read()
local = text.replace("when intent > 0.6 (leave below 0.5)", "when intent > 0.08 (leave below 0.01)")
remote = local.replace("    output probability[1]\n  }",
                       '    output probability[1]\n    device remote "http://${ITINERA_V2}/v2/models/purchase_intent"\n  }')
assert local != text and remote != local, "cart-recovery.journey no longer reads as prepare.sh expects"
open(stage + "/local.journey", "w", encoding="utf-8").write(local)
open(stage + "/remote.journey", "w", encoding="utf-8").write(remote)
PY
run=(run --events "$stage/shop-20k.csv" --map type.favourite=- --in-memory --no-progress)  # no RocksDB: a smaller jar

echo "== expected decisions: the model in process (ONNX Runtime, CPU)"
java -Xss4m -jar "$jar" "${run[@]}" "$stage/local.journey" --out "$stage/expected" | tail -2
"$python" bench/gpu/v2_server.py --model "purchase_intent=$stage/models/purchase_intent.onnx" \
    --model "churn_risk=$stage/models/churn_risk.onnx" --reference-out "$stage/reference.json"

echo "== traced run against the torch v2 server on this CPU"
"$python" bench/gpu/v2_server.py --device cpu --port 0 --port-file "$work/port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do [ -f "$work/port" ] && break; sleep 0.5; done
export ITINERA_V2=127.0.0.1:$(cat "$work/port")
java -Xss4m -Xshare:off -Xlog:class+load=info:file="$work/classes-run.txt" -jar "$jar" "${run[@]}" \
    "$stage/remote.journey" --out "$work/traced" | tail -1
"$python" bench/gpu/compare_decisions.py "$stage/expected" "$work/traced"
mkdir -p "$stage/rate"
javac -d "$stage/rate" -cp "$jar" bench/gpu/RemoteRate.java
java -Xshare:off -Xlog:class+load=info:file="$work/classes-rate.txt" -cp "$jar:$stage/rate" RemoteRate \
    "http://$ITINERA_V2/v2/models/purchase_intent" 0.3 > /dev/null

echo "== slim jar and jlink'ed runtime"
"$python" bench/gpu/slim_jar.py "$jar" "$work/classes-run.txt" "$work/classes-rate.txt" --out "$stage/itinera-slim.jar"
modules=$(cat "$work"/classes-*.txt | grep -o 'source: jrt:/[a-z.]*' | sed 's|source: jrt:/||' \
    | grep -v -E '^(java.smartcardio|java.security.jgss|java.security.sasl|jdk.security.jgss|java.xml.crypto|jdk.crypto.cryptoki|jdk.management.jfr)$' \
    | sort -u | paste -sd, -)
modules="$modules,jdk.crypto.ec,jdk.zipfs,jdk.unsupported"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --include-locales=en \
    --output "$stage/jre"
echo "modules: $modules"

echo "== the slim jar on the jlink'ed runtime, here"
"$stage/jre/bin/java" -Xss4m -jar "$stage/itinera-slim.jar" "${run[@]}" "$stage/remote.journey" --out "$work/slim" | tail -1
"$python" bench/gpu/compare_decisions.py "$stage/expected" "$work/slim"
kill "$server_pid"; server_pid=

tar -C "$out" -czf - stage | split -b 45m -d - "$out/parts/gpu-check.tgz.part-"
rm -rf "$work"
du -sh "$stage/jre" "$stage/itinera-slim.jar" "$out"/parts/*
echo "ready: carry bench/gpu/target/parts to the GPU machine and run bench/gpu/device.sh (bench/gpu/README.md)"
