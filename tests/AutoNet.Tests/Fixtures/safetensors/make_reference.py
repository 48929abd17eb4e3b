#!/usr/bin/env python3
"""Writes safetensors reference files the way Python's `safetensors` library lays them out, using only
`json`, `struct` and torch 1.13 (Debian has no python3-safetensors), following the format spec:

  8 bytes: N, the header length, unsigned 64-bit little-endian
  N bytes: UTF-8 JSON {"__metadata__": {str: str}, name: {"dtype": "F64"|"F32", "shape": [...],
           "data_offsets": [begin, end]}, ...}, padded with spaces (0x20) so that 8 + N is a multiple of 8
  rest:    the data buffer; each tensor row-major little-endian at [begin, end); the tensors tile the buffer.

As the Rust library does, tensors are laid out sorted by dtype size (largest first), then by name.

Run from the repository root with Debian's Python (torch 1.13):

    /usr/bin/python3 tests/AutoNet.Tests/Fixtures/safetensors/make_reference.py

Outputs, beside this script:
  reference.safetensors  mixed F64/F32 tensors (a matrix, a 3-D block, a scalar, an empty tensor, negative
                         zero, infinities, NaN, subnormals) and metadata
  mlp.safetensors        torch.nn.Sequential(Linear(3, 4), ReLU(), Linear(4, 2)).double().state_dict(),
                         keys 0.weight, 0.bias, 2.weight, 2.bias
  reference.json         the expected contents: {"tensors": {name: {dtype, shape, values}}, "metadata": {...},
                         "mlp": {"input": [[...]], "output": [[...]]}}; non-finite values as strings
"""
import json
import math
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = {torch.float64: ("F64", "d", 8), torch.float32: ("F32", "f", 4)}


def save(path, tensors, metadata=None):
    order = sorted(tensors.items(), key=lambda kv: (-SIZES[kv[1].dtype][2], kv[0]))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = bytearray()
    for name, t in order:
        code, fmt, size = SIZES[t.dtype]
        values = t.contiguous().reshape(-1).tolist()
        begin = len(data)
        data += struct.pack("<%d%s" % (len(values), fmt), *values)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [begin, len(data)]}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(bytes(data))


def plain(x):
    return x if math.isfinite(x) else repr(x)


g = torch.Generator().manual_seed(2024)
tensors = {
    "matrix": torch.randn(3, 4, generator=g, dtype=torch.float64),
    "block.f32": torch.randn(2, 3, 2, generator=g).to(torch.float32),
    "scalar": torch.tensor(3.25, dtype=torch.float64),
    "empty": torch.zeros(0, 5, dtype=torch.float32),
    "specials": torch.tensor([-0.0, float("inf"), float("-inf"), float("nan"), 5e-324, 2.2250738585072014e-308, 1e308],
                             dtype=torch.float64),
    "specials.f32": torch.tensor([-0.0, float("inf"), 1.4e-45, 3.4028234663852886e38, -1.5], dtype=torch.float32),
    "unicode é ü 名前": torch.arange(3, dtype=torch.float64),
}
metadata = {"format": "pt", "creator": "make_reference.py", "note": "quotes \" and \\ and unicode é"}
save(os.path.join(HERE, "reference.safetensors"), tensors, metadata)

torch.manual_seed(7)
mlp = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)).double()
save(os.path.join(HERE, "mlp.safetensors"), dict(mlp.state_dict()))
x = torch.randn(5, 3, generator=g, dtype=torch.float64)
with torch.no_grad():
    y = mlp(x)

expected = {
    "torch_version": torch.__version__,
    "tensors": {name: {"dtype": SIZES[t.dtype][0], "shape": list(t.shape),
                       "values": [plain(v) for v in t.reshape(-1).tolist()]} for name, t in tensors.items()},
    "metadata": metadata,
    "mlp": {"input": x.tolist(), "output": y.tolist(), "keys": list(mlp.state_dict().keys())},
}
with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote reference.safetensors, mlp.safetensors, reference.json in", HERE)
