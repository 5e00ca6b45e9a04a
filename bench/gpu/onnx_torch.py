"""ONNX models as PyTorch modules, with nothing but PyTorch installed.

The GPU machine has Python and PyTorch but not the `onnx` package, so the file is read here
straight from its protobuf wire format (the handful of ModelProto fields a small model uses), and
its graph is run node by node with torch operators on the chosen device. Supported operators are
those of the sample models and the test models (linear and logistic models with in-graph missing
value filling and scaling, small MLPs); any other raises an error that names it.
"""
import struct

import torch

FLOAT, INT32, INT64, BOOL, DOUBLE = 1, 6, 7, 9, 11
TORCH_TYPES = {FLOAT: torch.float32, INT32: torch.int32, INT64: torch.int64, BOOL: torch.bool, DOUBLE: torch.float64}
V2_TYPES = {FLOAT: "FP32", INT32: "INT32", INT64: "INT64", BOOL: "BOOL", DOUBLE: "FP64"}


def _varint(buf, pos):
    value, shift = 0, 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _fields(buf):
    """(field number, wire type, value) of one protobuf message."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            size, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + size], pos + size
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise ValueError("unsupported protobuf wire type %d" % wire)
        yield number, wire, value


def _signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def _ints(wire, value):
    """A repeated int64 field's element: one varint, or a packed run of them."""
    if wire == 0:
        return [_signed(value)]
    out, pos = [], 0
    while pos < len(value):
        item, pos = _varint(value, pos)
        out.append(_signed(item))
    return out


def _floats(wire, value):
    if wire == 5:
        return list(struct.unpack("<f", value))
    return list(struct.unpack("<%df" % (len(value) // 4), value))


def _tensor(buf):
    dims, dtype, name, raw, floats, ints = [], FLOAT, "", None, [], []
    for number, wire, value in _fields(buf):
        if number == 1:
            dims += _ints(wire, value)
        elif number == 2:
            dtype = value
        elif number == 4:
            floats += _floats(wire, value)
        elif number in (5, 7):
            ints += _ints(wire, value)
        elif number == 8:
            name = value.decode()
        elif number == 9:
            raw = bytes(value)
    if dtype not in TORCH_TYPES:
        raise ValueError("initializer %s has ONNX data type %d, which this reader does not support" % (name, dtype))
    if raw is not None:
        import numpy  # torch needs numpy only for this; every torch wheel brings it
        numpy_type = {FLOAT: "<f4", INT32: "<i4", INT64: "<i8", BOOL: "?", DOUBLE: "<f8"}[dtype]
        values = torch.from_numpy(numpy.frombuffer(raw, dtype=numpy_type).copy())
    elif dtype in (FLOAT, DOUBLE):
        values = torch.tensor(floats, dtype=TORCH_TYPES[dtype])
    else:
        values = torch.tensor(ints, dtype=TORCH_TYPES[dtype])
    return name, values.reshape(dims)


def _attribute(buf):
    name, value = "", None
    ints, floats = [], []
    for number, wire, field in _fields(buf):
        if number == 1:
            name = field.decode()
        elif number == 2:
            value = struct.unpack("<f", field)[0]
        elif number == 3:
            value = _signed(field)
        elif number == 4:
            value = field.decode()
        elif number == 5:
            value = _tensor(field)[1]
        elif number == 7:
            floats += _floats(wire, field)
        elif number == 8:
            ints += _ints(wire, field)
    if value is None:
        value = ints or floats
    return name, value


def _value_info(buf):
    name, dtype, shape = "", FLOAT, []
    for number, _, value in _fields(buf):
        if number == 1:
            name = value.decode()
        elif number == 2:
            for n, _, tensor_type in _fields(value):
                if n != 1:
                    continue
                for m, _, part in _fields(tensor_type):
                    if m == 1:
                        dtype = part
                    elif m == 2:
                        for _, _, dim in _fields(part):
                            size = -1
                            for k, _, d in _fields(dim):
                                if k == 1:
                                    size = _signed(d)
                            shape.append(size)
    return {"name": name, "datatype": V2_TYPES.get(dtype, str(dtype)), "shape": shape}


def read_model(path):
    """The graph of an ONNX file: nodes, initializers, inputs, outputs and the default opset."""
    with open(path, "rb") as f:
        model = f.read()
    graph, opset = None, 13
    for number, _, value in _fields(model):
        if number == 7:
            graph = value
        elif number == 8:
            domain, version = "", 0
            for n, _, v in _fields(value):
                if n == 1:
                    domain = v.decode()
                elif n == 2:
                    version = v
            if domain in ("", "ai.onnx"):
                opset = version
    if graph is None:
        raise ValueError("%s holds no graph: is it an ONNX model?" % path)
    nodes, initializers, inputs, outputs = [], {}, [], []
    for number, _, value in _fields(graph):
        if number == 1:
            node = {"inputs": [], "outputs": [], "op": "", "attributes": {}}
            for n, _, v in _fields(value):
                if n == 1:
                    node["inputs"].append(v.decode())
                elif n == 2:
                    node["outputs"].append(v.decode())
                elif n == 4:
                    node["op"] = v.decode()
                elif n == 5:
                    key, attribute = _attribute(v)
                    node["attributes"][key] = attribute
            nodes.append(node)
        elif number == 5:
            name, tensor = _tensor(value)
            initializers[name] = tensor
        elif number == 11:
            inputs.append(_value_info(value))
        elif number == 12:
            outputs.append(_value_info(value))
    inputs = [i for i in inputs if i["name"] not in initializers]
    return {"nodes": nodes, "initializers": initializers, "inputs": inputs, "outputs": outputs, "opset": opset}


def _gemm(x, a):
    a_, b_, c_ = x[0], x[1], x[2] if len(x) > 2 else None
    if a.get("transA", 0):
        a_ = a_.t()
    if a.get("transB", 0):
        b_ = b_.t()
    y = a.get("alpha", 1.0) * (a_ @ b_)
    return y if c_ is None else y + a.get("beta", 1.0) * c_


OPERATORS = {
    "Identity": lambda x, a, o: x[0],
    "IsNaN": lambda x, a, o: torch.isnan(x[0]),
    "Where": lambda x, a, o: torch.where(x[0], x[1], x[2]),
    "Add": lambda x, a, o: x[0] + x[1],
    "Sub": lambda x, a, o: x[0] - x[1],
    "Mul": lambda x, a, o: x[0] * x[1],
    "Div": lambda x, a, o: x[0] / x[1],
    "Neg": lambda x, a, o: -x[0],
    "Abs": lambda x, a, o: torch.abs(x[0]),
    "Exp": lambda x, a, o: torch.exp(x[0]),
    "Log": lambda x, a, o: torch.log(x[0]),
    "Sqrt": lambda x, a, o: torch.sqrt(x[0]),
    "Relu": lambda x, a, o: torch.relu(x[0]),
    "Tanh": lambda x, a, o: torch.tanh(x[0]),
    "Sigmoid": lambda x, a, o: torch.sigmoid(x[0]),
    "MatMul": lambda x, a, o: x[0] @ x[1],
    "Gemm": lambda x, a, o: _gemm(x, a),
    "Softmax": lambda x, a, o: torch.softmax(x[0], dim=a.get("axis", -1 if o >= 13 else 1)),
    "Concat": lambda x, a, o: torch.cat(x, dim=a["axis"]),
    "Cast": lambda x, a, o: x[0].to(TORCH_TYPES[a["to"]]),
    "Flatten": lambda x, a, o: torch.flatten(x[0], start_dim=a.get("axis", 1)),
    "Reshape": lambda x, a, o: x[0].reshape([int(d) for d in x[1].tolist()]),
}


class OnnxModule(torch.nn.Module):
    """Runs an ONNX graph's nodes in order with torch operators; initializers live on the module's device."""

    def __init__(self, path):
        super().__init__()
        model = read_model(path)
        for node in model["nodes"]:
            if node["op"] not in OPERATORS:
                raise ValueError("%s uses the ONNX operator %s, which bench/gpu/onnx_torch.py does not convert; "
                                 "add it to OPERATORS" % (path, node["op"]))
        self.nodes, self.opset = model["nodes"], model["opset"]
        self.inputs, self.outputs = model["inputs"], model["outputs"]
        self.names = list(model["initializers"])
        for i, tensor in enumerate(model["initializers"].values()):
            self.register_buffer("init%d" % i, tensor)

    def forward(self, feeds):
        values = {name: getattr(self, "init%d" % i) for i, name in enumerate(self.names)}
        values.update(feeds)
        for node in self.nodes:
            result = OPERATORS[node["op"]]([values[name] for name in node["inputs"] if name], node["attributes"], self.opset)
            values[node["outputs"][0]] = result
        return {output["name"]: values[output["name"]] for output in self.outputs}
