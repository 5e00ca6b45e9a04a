#!/usr/bin/env python3
"""Batched scoring of the sample recommender, CPU against a CUDA GPU, on a machine without a JVM.

The runtime scores `journeys/models/next_items.onnx` through DJL and ONNX Runtime; its GPU build
(`-Pgpu`, onnxruntime_gpu for CUDA 12) needs a JDK on the GPU host. Where only Python is there, this
probe measures what batching buys on each device for the same model:
  * ONNX Runtime (CPU) on the shipped ONNX file, one intra-op thread as the runtime uses it, and all cores;
  * the same architecture in PyTorch (SASRec-style, the shape train_next_items.py exports; weights
    random, which does not change the work) on the CPU and on the GPU.
Prints rows (customers) per second for batches of 1, 64, 256 and 1024.

    python3 bench/gpu/recommender_probe.py [--seconds 2]
"""
import argparse
import importlib.util
import os
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "journeys", "models")
BATCHES = (1, 64, 256, 1024)


def rate(run, batch, seconds):
    run(batch)  # warm-up
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        run(batch)
        done += batch
    return done / (time.perf_counter() - started)


def onnx_runner(threads):
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(os.path.join(MODELS, "next_items.onnx"), options, providers=["CPUExecutionProvider"])
    given = session.get_inputs()[0]
    length = given.shape[1] if isinstance(given.shape[1], int) else 20
    dtype = np.int64 if "int64" in given.type else np.float32
    rng = np.random.default_rng(3)
    vocab = sum(1 for _ in open(os.path.join(MODELS, "items.txt"), encoding="utf-8"))

    def run(batch):
        session.run(None, {given.name: rng.integers(1, vocab, size=(batch, length)).astype(dtype)})
    return run, vocab, length


def torch_runner(device, vocab, length):
    import torch
    spec = importlib.util.spec_from_file_location("train_next_items", os.path.join(MODELS, "train_next_items.py"))
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    model = trainer.TopK(trainer.NextItems(vocab, length, 48, layers=2, heads=2, dropout=0.0), 10).to(device).eval()

    def run(batch):
        with torch.inference_mode():
            sequence = torch.randint(1, vocab, (batch, length), device=device)
            indices, scores = model(sequence)
            indices.cpu()  # the answer back on the host, as a scorer needs it
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    ort_one, vocab, length = onnx_runner(1)
    ort_all, _, _ = onnx_runner(os.cpu_count())
    runners = {"onnxruntime cpu, 1 thread": ort_one, f"onnxruntime cpu, {os.cpu_count()} threads": ort_all}
    import torch
    torch.set_num_threads(os.cpu_count())
    runners[f"pytorch cpu, {os.cpu_count()} threads"] = torch_runner("cpu", vocab, length)
    if torch.cuda.is_available():
        runners[f"pytorch {torch.cuda.get_device_name(0)}"] = torch_runner("cuda", vocab, length)
    print(f"model: vocabulary {vocab}, sequence {length}; rows per second by batch size")
    print(f"{'':40s}" + "".join(f"{b:>12d}" for b in BATCHES))
    for name, run in runners.items():
        print(f"{name:40s}" + "".join(f"{rate(run, b, args.seconds):12,.0f}" for b in BATCHES), flush=True)


if __name__ == "__main__":
    main()
