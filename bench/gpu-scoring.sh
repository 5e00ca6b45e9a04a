#!/usr/bin/env bash
# Batched recommender scoring on a CUDA GPU: the same JMH benchmark as on the CPU
# (RecommenderBenchmark, batches of 1, 64, 256, 1024 customers), once on the CPU and once on the GPU.
#
# Needs: a CUDA 12 + cuDNN 9 host with an NVIDIA GPU (nvidia-smi works), JDK 17, Maven, and the
# project's dependencies in the local Maven repository (the -Pgpu build swaps in onnxruntime_gpu
# 1.22.0; fetch it once online, or pass -o when it is already there). Run from anywhere:
#   bench/gpu-scoring.sh            # results in target/gpu-scoring/*.json and on stdout
# Environment: MVN_ARGS (extra Maven flags, e.g. "-o -Dmaven.repo.local=/path"), JMH_ARGS
# (default: brief runs, "-wi 1 -i 2 -r 1 -f 1").
set -euo pipefail
cd "$(dirname "$0")/.."

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || {
  echo "no NVIDIA GPU visible (nvidia-smi failed): nothing to measure" >&2; exit 1; }

mvn -B -q ${MVN_ARGS:-} -Pgpu,bench -DskipTests -pl bench -am package
out=target/gpu-scoring
mkdir -p "$out"
jmh_args=${JMH_ARGS:-"-wi 1 -i 2 -r 1 -f 1"}

for device in cpu gpu; do
  echo "== RecommenderBenchmark on $device"
  # shellcheck disable=SC2086
  java -jar bench/target/benchmarks.jar RecommenderBenchmark $jmh_args -p device=$device \
      -rf json -rff "$out/recommender-$device.json" | tee "$out/recommender-$device.txt"
done
# The GPU run prints "# recommender runs on gpu"; "cpu" there means ONNX Runtime fell back.
grep -h "recommender runs on" "$out"/recommender-*.txt | sort | uniq -c
