#!/usr/bin/env python3
"""A small Open Inference Protocol (KServe v2, HTTP/JSON) server over PyTorch, for the GPU check.

Serves ONNX models converted to torch modules (onnx_torch.py) on the GPU when
torch.cuda.is_available(), else on the CPU, as Triton would serve them to `device remote "URL"`:
GET /v2/health/ready, GET /v2/models/NAME (metadata), POST /v2/models/NAME/infer.

    python3 bench/gpu/v2_server.py [--model NAME=FILE.onnx]... [--port 0] [--port-file F] [--device auto|cpu|cuda]

Default models: journeys/models/purchase_intent.onnx and churn_risk.onnx. With --port 0 it takes a
free port and writes it to --port-file once it listens.

Equal outputs: `--reference-out F` (needs onnxruntime, on the build machine) writes ONNX Runtime's
CPU outputs for seeded rows (NaNs included) to F; `--reference F` checks the torch module's outputs
on this device against F and exits 1 on a difference above 1e-5.
"""
import argparse
import json
import os
import random
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from onnx_torch import OnnxModule, TORCH_TYPES  # noqa: E402

MODELS = os.path.normpath(os.path.join(HERE, "..", "..", "journeys", "models"))
DEFAULT_MODELS = ["purchase_intent=" + os.path.join(MODELS, "purchase_intent.onnx"),
                  "churn_risk=" + os.path.join(MODELS, "churn_risk.onnx")]
V2_TO_TORCH = {"FP32": torch.float32, "FP64": torch.float64, "INT64": torch.int64, "INT32": torch.int32, "BOOL": torch.bool}
TORCH_TO_V2 = {v: k for k, v in V2_TO_TORCH.items()}


def load(specs, device):
    models = {}
    for spec in specs:
        name, _, path = spec.partition("=")
        models[name] = OnnxModule(path).to(device).eval()
    return models


class Served:
    def __init__(self, models, device):
        self.models, self.device = models, device
        self.lock = threading.Lock()
        self.requests = self.rows = 0

    def infer(self, model, body):
        feeds, rows = {}, 0
        for tensor in body.get("inputs", []):
            shape = tensor["shape"]
            rows = shape[0] if shape else 0
            dtype = V2_TO_TORCH.get(tensor.get("datatype", "FP32"), torch.float32)
            feeds[tensor["name"]] = torch.tensor(tensor["data"], dtype=dtype).reshape(shape).to(self.device)
        with torch.inference_mode():
            results = model(feeds)
        wanted = [o["name"] for o in body.get("outputs", [])] or list(results)
        outputs = []
        for name in wanted:
            value = results[name].cpu()
            outputs.append({"name": name, "datatype": TORCH_TO_V2.get(value.dtype, "FP32"), "shape": list(value.shape),
                            "data": value.reshape(-1).tolist()})
        with self.lock:
            self.requests += 1
            self.rows += rows
        return {"model_name": "", "outputs": outputs}


def handler(served):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the runtime's client reuses its connection
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def answer(self, status, payload):
            data = json.dumps(payload).encode()  # NaN and Infinity as the tokens the runtime reads
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def model(self):
            parts = self.path.rstrip("/").split("/")  # "", v2, models, NAME [, versions, V] [, infer]
            if len(parts) >= 4 and parts[1] == "v2" and parts[2] == "models":
                return parts[3], served.models.get(parts[3]), parts[-1] == "infer"
            return None, None, False

        def do_GET(self):
            if self.path.rstrip("/") in ("/v2/health/ready", "/v2/health/live"):
                return self.answer(200, {})
            if self.path.rstrip("/") == "/v2/stats":
                return self.answer(200, {"requests": served.requests, "rows": served.rows, "device": str(served.device)})
            name, model, _ = self.model()
            if model is None:
                return self.answer(404, {"error": "no such model"})
            self.answer(200, {"name": name, "platform": "pytorch_onnx", "versions": ["1"],
                              "inputs": model.inputs, "outputs": model.outputs})

        def do_POST(self):
            _, model, infer = self.model()
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if model is None or not infer:
                return self.answer(404, {"error": "no such model"})
            try:
                self.answer(200, served.infer(model, json.loads(body)))
            except (KeyError, ValueError, RuntimeError, TypeError) as e:
                self.answer(400, {"error": repr(e)})
    return Handler


def reference_rows(width, count=512, seed=11):
    """Seeded rows over the sample features' ranges, every tenth value missing (NaN)."""
    rng = random.Random(seed)
    return [[float("nan") if rng.random() < 0.1 else round(rng.uniform(0, 400), 2) for _ in range(width)]
            for _ in range(count)]


def write_reference(specs, path):
    import onnxruntime
    reference = {}
    for spec in specs:
        name, _, file = spec.partition("=")
        session = onnxruntime.InferenceSession(file, providers=["CPUExecutionProvider"])
        given = session.get_inputs()[0]
        rows = reference_rows(given.shape[1])
        import numpy
        out = session.run(None, {given.name: numpy.array(rows, dtype=numpy.float32)})
        reference[name] = {"input": given.name, "rows": rows,
                           "outputs": {o.name: v.reshape(-1).tolist() for o, v in zip(session.get_outputs(), out)}}
    with open(path, "w") as f:
        json.dump(reference, f)
    print("wrote ONNX Runtime %s outputs of %s to %s" % (onnxruntime.__version__, ", ".join(reference), path))


def check_reference(models, device, path):
    with open(path) as f:
        reference = json.load(f)
    worst = 0.0
    for name, expected in reference.items():
        feeds = {expected["input"]: torch.tensor(expected["rows"], dtype=torch.float32, device=device)}
        with torch.inference_mode():
            got = models[name](feeds)
        for output, values in expected["outputs"].items():
            difference = (got[output].cpu().reshape(-1).double() - torch.tensor(values, dtype=torch.float64)).abs().max().item()
            worst = max(worst, difference)
            print("%s.%s on %s: %d values, largest difference from ONNX Runtime (CPU) %.2e"
                  % (name, output, device, len(values), difference))
    if worst > 1e-5:
        print("torch outputs differ from ONNX Runtime's", file=sys.stderr)
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", help="NAME=FILE.onnx (repeatable)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--port-file")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--reference-out")
    parser.add_argument("--reference")
    args = parser.parse_args()
    specs = args.model or DEFAULT_MODELS
    if args.reference_out:
        return write_reference(specs, args.reference_out)
    device = torch.device("cuda" if args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available()) else "cpu")
    models = load(specs, device)
    if args.reference:
        return check_reference(models, device, args.reference)
    server = ThreadingHTTPServer((args.host, args.port), handler(Served(models, device)))
    server.daemon_threads = True
    port = server.server_address[1]
    label = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    print("v2 server on http://%s:%d serving %s on %s (torch %s)" % (args.host, port, ", ".join(models), label,
                                                                        torch.__version__), flush=True)
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(port))
        os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
