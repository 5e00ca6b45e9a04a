#!/usr/bin/env bash
# The GPU check, on a machine with only Python, PyTorch and (ideally) CUDA: no JVM, nothing installed.
# Unpacks what bench/gpu/prepare.sh packed (bench/gpu/target/parts: a jlink'ed Java runtime, the slim
# itinera jar, the journeys, the log and the expected decisions), then:
#   1. the torch modules converted from the sample models' ONNX, on this device, against ONNX
#      Runtime's CPU outputs (reference.json): equal within 1e-5, or it stops;
#   2. bench/gpu/v2_server.py on the GPU (torch.cuda.is_available(), else the CPU);
#   3. the real runtime (`itinera run`, slim jar on the jlink'ed runtime) over the sample log with the
#      intent model scored by that server: the same decisions as CPU scoring in process, or it fails;
#   4. rows/s through the runtime's remote scorer at batches of 1, 64 and 1024.
#   bench/gpu/device.sh            (from the repository root; exits non-zero on any difference)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-python3}
target=bench/gpu/target
stage=$target/stage
if compgen -G "$target/parts/gpu-check.tgz.part-*" > /dev/null; then
  rm -rf "$stage"
  cat "$target"/parts/gpu-check.tgz.part-* | tar -C "$target" -xzf -
fi
[ -x "$stage/jre/bin/java" ] || { echo "no $stage: run bench/gpu/prepare.sh on the build machine and carry $target/parts" >&2; exit 2; }
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$stage/jre/bin/java" -version 2>&1 | head -1 || { echo "the jlink'ed Java runtime does not start here: it needs"\
    "glibc 2.34 or later (ldd --version)" >&2; exit 2; }
echo "== device"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
"$python" -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'available:', torch.cuda.is_available())"
models=(--model "purchase_intent=$stage/models/purchase_intent.onnx" --model "churn_risk=$stage/models/churn_risk.onnx")

echo "== 1. converted models against ONNX Runtime (CPU)"
"$python" bench/gpu/v2_server.py "${models[@]}" --reference "$stage/reference.json"

echo "== 2. v2 server"
"$python" bench/gpu/v2_server.py "${models[@]}" --port 0 --port-file "$work/port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do [ -f "$work/port" ] && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
cat "$work/server.log"
[ -f "$work/port" ] || { echo "the server did not start" >&2; exit 1; }
export ITINERA_V2=127.0.0.1:$(cat "$work/port")

echo "== 3. itinera run, the intent model scored by the server"
"$stage/jre/bin/java" -Xss4m -XX:+UseParallelGC -jar "$stage/itinera-slim.jar" run "$stage/remote.journey" \
    --events "$stage/shop-20k.csv" --map type.favourite=- --in-memory --no-progress --out "$work/remote" 2>&1 | tail -3
"$python" bench/gpu/compare_decisions.py "$stage/expected" "$work/remote"

echo "== 4. rows/s through the runtime's remote scorer"
"$stage/jre/bin/java" -cp "$stage/itinera-slim.jar:$stage/rate" RemoteRate \
    "http://$ITINERA_V2/v2/models/purchase_intent" "${RATE_SECONDS:-3}"
"$python" -c "import json, urllib.request; print('server:', json.load(urllib.request.urlopen('http://$ITINERA_V2/v2/stats')))"
